// What the sandbox's Customer API adds to the demo project: the kiosk's external
// application, customers' passwords (listed in the cheat sheet), the consents a sign-up
// asks for and the channel a password set-up message goes through.
import { createHash } from 'node:crypto';
import { entityId } from './ids.ts';
import type { Localized } from './model.ts';
import { customerId } from './seed.ts';

/** The external application a demo kiosk names when it creates its device token. */
export const KIOSK_APPLICATION_ID = 'ccpos-kiosk-demo';
/** Another Customer API application: the customer's mobile app, which issues login codes for the kiosk. */
export const MOBILE_APPLICATION_ID = 'ccpos-mobile-demo';

export const emailChannelId = entityId('communication-channel', 1);

/** Demo customers who can log in on the kiosk, by customer number, with their passwords. */
export const customerPasswords: Record<number, { password: string; shows: string }> = {
  1: { password: 'Jana2026', shows: 'regular customer: points, vouchers, rewards to redeem' },
  2: {
    password: 'Petr2026',
    shows: 'another customer: not_belong_to_logged_in_customer when Jana asks for his data',
  },
  3: { password: 'Eva2026x', shows: 'gold customer with a lot of points: redeems anything' },
  4: { password: 'Tomas2026', shows: 'customer with credits in CZK and EUR' },
  5: { password: 'Lucie2026', shows: 'blocked card: card_is_blocked by card, logs in by e-mail' },
  6: { password: 'Martin2026', shows: 'deleted customer: login_value not_found' },
  7: { password: 'Katka2026', shows: 'new customer with no points: no reward affordable' },
};

/** The stored form of a password: never the password itself, even in a state file. */
export function passwordHash(customer: string, password: string): string {
  return createHash('sha256').update(`ccpos-sandbox:${customer}:${password}`).digest('hex');
}

export function seedCustomerPasswords(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [n, { password }] of Object.entries(customerPasswords))
    out[customerId(Number(n))] = passwordHash(customerId(Number(n)), password);
  return out;
}

export interface AgreementRecord {
  agreement_id: string;
  text_id: string;
  name: Localized;
  text: Localized;
  withdrawal_text: Localized;
  communication_channel_id: string | null;
}

const agreementRecord = (
  n: number,
  textId: string,
  name: Localized,
  text: Localized,
  channel: string | null = null,
): AgreementRecord => ({
  agreement_id: entityId('agreement', n),
  text_id: textId,
  name,
  text,
  withdrawal_text: {
    cs: `Souhlas „${name.cs}“ můžete kdykoli odvolat na prodejně nebo v aplikaci.`,
    en: `You can withdraw "${name.en}" at any time in a store or in the app.`,
  },
  communication_channel_id: channel,
});

/** GET /agreements: the three consents every project has, in the order a form shows them. */
export const agreements: AgreementRecord[] = [
  agreementRecord(
    1,
    'agreement_gtc',
    { cs: 'Zpracování osobních údajů', en: 'Processing of personal data' },
    {
      cs:
        'Souhlasím se zpracováním svých osobních údajů pro účely věrnostního programu: ' +
        'vedení účtu, připisování bodů a vydávání odměn.',
      en:
        'I agree to the processing of my personal data for the loyalty programme: ' +
        'keeping my account, crediting points and issuing rewards.',
    },
  ),
  agreementRecord(
    2,
    'agreement_marketing_communication',
    { cs: 'Marketingová komunikace', en: 'Marketing communication' },
    {
      cs: 'Chci dostávat nabídky a novinky e-mailem a SMS.',
      en: 'I want to receive offers and news by e-mail and text message.',
    },
    emailChannelId,
  ),
  agreementRecord(
    3,
    'agreement_profiling',
    { cs: 'Profilování', en: 'Profiling' },
    {
      cs: 'Souhlasím s vyhodnocením mých nákupů, abych dostával(a) nabídky na míru.',
      en: 'I agree that my purchases are analysed so that offers fit me.',
    },
  ),
];
