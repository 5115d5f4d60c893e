// What the kiosk asks of CareCloud's Customer API. The Customer API client
// (electron/carecloud/customer-client.ts) satisfies `CustomerAccountApi` as it is;
// `KioskExtras` are the few calls the kiosk makes beside it (customer-api-port.ts).
// The device token and the customer's login on it live in that client.

export interface PasswordLogin {
  type: 'card' | 'email' | 'phone';
  value: string;
  password: string;
}

export interface AppCode {
  token: string;
  tokenRequestId: string;
}

export interface SessionAnswer {
  customerId: string;
}

export interface AccountVoucher {
  voucher_id: string;
  code?: string | undefined;
  value?: number | undefined;
  valid_from?: string | undefined;
  valid_to?: string | undefined;
  applied_date?: string | undefined;
  state?: 0 | 1 | 2 | undefined;
  reward?: { reward_id?: string | undefined; name?: string | undefined } | undefined;
}

export interface AccountReward {
  reward_id: string;
  name: string;
  note?: string | undefined;
  subtitle?: string | undefined;
  points_cost?: number | undefined;
  state?: 0 | 1 | 2 | undefined;
}

export interface AccountAgreement {
  agreement_id: string;
  name?: string | undefined;
  text?: string | undefined;
  text_id?: string | undefined;
}

export interface SignUpInput {
  personalInformation: {
    first_name: string;
    last_name: string;
    email?: string;
    phone?: string;
    language_id: string;
    agreement: { custom_agreements: { agreement_id: string; agreement_value: 0 | 1 | 2 }[] };
  };
  customerSourceId: string;
  password: string;
}

/** The Customer API client as the kiosk uses it (a structural subset of it). */
export interface CustomerAccountApi {
  login(by: PasswordLogin): Promise<SessionAnswer>;
  loginWithAppCode(code: AppCode): Promise<SessionAnswer>;
  /** Forgets the customer first, whatever CareCloud answers. */
  logout(): Promise<void>;
  signUp(input: SignUpInput): Promise<SessionAnswer>;
  agreements(): Promise<AccountAgreement[]>;
  account: {
    record(): Promise<{
      personal_information: { first_name?: string | undefined; last_name?: string | undefined };
    }>;
    vouchers(query?: { is_valid?: boolean; code?: string; count?: number }): Promise<AccountVoucher[]>;
    rewards(): Promise<AccountReward[]>;
    points(): Promise<{
      available_points: number;
      available_points_money_value?: { currency_id: string; value: number }[] | undefined;
    }>;
    pointsExpiration(): Promise<{ next_amount?: number | undefined; next_date?: string | undefined }>;
    credits(): Promise<{
      split_by_currency?: { currency_id: string; available_credits: number }[] | undefined;
    }>;
  };
  /** One voucher per `code`: asked again with the same code, the voucher made the first time (`repeated`). */
  redeemReward(
    rewardId: string,
    redemption: { code?: string },
  ): Promise<{ voucher: AccountVoucher; repeated: boolean }>;
}

/** What the kiosk needs beside the client's account calls. */
export interface KioskExtras {
  /** POST /cards/actions/validate-free-card: whether a scanned card may be given to a customer. */
  isFreeCard(cardNumber: string): Promise<boolean>;
  /** POST /cards/actions/assign-free-card: the scanned free card becomes the logged-in customer's. */
  assignFreeCard(cardNumber: string): Promise<unknown>;
  /** The customer source a kiosk sign-up is recorded with. */
  customerSourceId(): Promise<string>;
  /** Currency ids to ISO codes (CareCloud's money values carry ids); empty when unknown. */
  currencies(): Promise<Map<string, string>>;
  /** A cheap call that proves the Customer API answers (the way back into service). */
  probe(): Promise<void>;
}

export type CustomerApiPort = CustomerAccountApi & KioskExtras;
