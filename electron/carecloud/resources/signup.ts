import type { CallOptions, Pipeline } from '../pipeline.ts';
import type { BodyOf, DataOf } from '../types.ts';

/** What a sign-up form asks CareCloud besides the consents (a reference list): a free identifier, a one-time code. */
export function signupResource(pipeline: Pipeline, externalApplicationId: () => string) {
  return {
    /** True when no customer holds this e-mail or phone yet. */
    canRegister: async (type: 'email' | 'phone', value: string, options?: CallOptions): Promise<boolean> => {
      const data = await pipeline.request<DataOf<'postCustomersCheckRegistrationAbility'>>(
        {
          method: 'POST',
          path: '/customers/actions/check-registration-ability',
          body: { type, value } satisfies BodyOf<'postCustomersCheckRegistrationAbility'>,
          idempotent: true,
          purpose: 'lookup',
        },
        options,
      );
      return data?.registration_ability === true;
    },
    /** Sends a numeric code by text message (channel 2) or e-mail (1); the request id verifies it. */
    sendCode: async (channel: 1 | 2, recipient: string, options?: CallOptions): Promise<string | null> => {
      const body: BodyOf<'postSendOtp'> = {
        external_application_id: externalApplicationId(),
        communication_channel_id: channel,
        recipient,
        otp_type: 2,
      };
      const data = await pipeline.request<DataOf<'postSendOtp'>>(
        { method: 'POST', path: '/one-time-password/actions/send', body, purpose: 'lookup' },
        options,
      );
      return typeof data?.request_id === 'string' && data.request_id !== '' ? data.request_id : null;
    },
    verifyCode: async (requestId: string, code: string, options?: CallOptions): Promise<boolean> => {
      const body: BodyOf<'postVerifyOtp'> = {
        external_application_id: externalApplicationId(),
        request_id: requestId,
        verification_code: code,
      };
      const data = await pipeline.request<DataOf<'postVerifyOtp'>>(
        { method: 'POST', path: '/one-time-password/actions/verify', body, purpose: 'lookup' },
        options,
      );
      return data?.is_valid === true;
    },
  };
}
