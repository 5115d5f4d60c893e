// The self-service kiosk's part of the IPC contract: what the kiosk screens ask of
// main and what they get back. A kiosk talks to CareCloud's Customer API on behalf
// of one customer at a time; nothing here carries the shop's enterprise login.
import { z } from 'zod';
import type { Language } from './i18n/language.ts';

/** Money in integer minor units with its ISO 4217 currency (as the till's `Money`). */
export interface KioskMoney {
  amount: number;
  currency: string;
}

export interface KioskStatus {
  /**
   * CareCloud's Customer API answered the kiosk's last call: loyalty is in service. False: "out of service for
   * loyalty", nothing shown.
   */
  inService: boolean;
  /** A customer is signed in on this kiosk now. */
  signedIn: boolean;
  demo: boolean;
  /** The kiosk's default language (the attract screen's); each screen may switch it. */
  language: Language;
  /** The terminal's time zone (IANA), for dates shown. */
  timeZone: string;
  /**
   * Inactivity: after `idleSeconds` without a touch the screens show a countdown of
   * `countdownSeconds` the customer can extend (`kiosk.keepAlive`); main signs the customer
   * out by itself after both have passed without a request.
   */
  inactivity: { idleSeconds: number; countdownSeconds: number };
  /**
   * A free card the customer scans is given to them at sign-up. False when the kiosk is set
   * up without it or CareCloud refused this kiosk's application the card calls since the start:
   * the sign-up screen asks for no card and says where to get one.
   */
  cardsAtSignUp: boolean;
}

export interface KioskVoucher {
  id: string;
  /** What the cashier scans (barcode and QR code on screen); null when CareCloud gives none. */
  code: string | null;
  name: string | null;
  /** The voucher's value when CareCloud gives it in money; null for other kinds. */
  value: KioskMoney | null;
  /** CareCloud datetime (project zone) or null: valid without end. */
  validTo: string | null;
}

export interface KioskReward {
  id: string;
  name: string;
  /** Points it costs; every listed reward costs no more than the customer's points. */
  pointsCost: number;
  description: string | null;
}

export interface KioskPointsExpiry {
  points: number;
  /** CareCloud date (project zone) the points expire on. */
  expiresOn: string;
}

/** The signed-in customer's own loyalty account, as CareCloud answered it just now (never a cached copy). */
export interface KioskOverview {
  customer: { firstName: string | null; lastName: string | null };
  points: {
    available: number;
    /** What the available points are worth, when CareCloud says so; null otherwise. */
    value: KioskMoney | null;
    /** Points that expire soon (within the kiosk's horizon), soonest first. */
    expiringSoon: KioskPointsExpiry[];
  };
  /** Credit per currency (never added across currencies). */
  credits: KioskMoney[];
  /** Vouchers valid now. */
  vouchers: KioskVoucher[];
  /** Rewards the customer can afford with their points now. */
  rewards: KioskReward[];
  /** ISO instant CareCloud answered. */
  asOf: string;
}

export interface KioskRedemption {
  /** The new voucher to show as barcode and QR code. */
  voucher: KioskVoucher;
  /** True when this confirmation had already been redeemed: the same voucher, none new. */
  repeated: boolean;
  /** The overview after the redemption (points spent, the voucher listed). */
  overview: KioskOverview;
}

/** A consent from CareCloud's `GET /agreements`, shown with its text and its own tick (never pre-ticked). */
export interface KioskAgreement {
  id: string;
  name: string;
  text: string;
  /** The sign-up cannot go on without this one ticked. */
  mandatory: boolean;
}

/**
 * Why a free card the customer scanned at sign-up is not theirs. The account exists and
 * they are signed in without it: `taken` (another customer got the card meanwhile),
 * `blocked`, `unknown` (CareCloud knows no such card, or no card type has its number),
 * `not_allowed` (this project does not let kiosks give cards: the Customer API refuses it),
 * `refused` (any other refusal of the card).
 */
export type KioskCardRefusal = 'taken' | 'blocked' | 'unknown' | 'not_allowed' | 'refused';

/** What became of the scanned card: theirs, or not, why, and whether scanning another free card here may work. */
export type KioskCardOutcome =
  { assigned: true } | { assigned: false; why: KioskCardRefusal; retry: boolean };

/**
 * The answer to a sign-up (and to a card scanned after it): the new customer's account, signed in, and their card
 * (null: none was scanned).
 */
export interface KioskSignedUp {
  overview: KioskOverview;
  card: KioskCardOutcome | null;
}

// --- payload schemas -------------------------------------------------------

const secret = z.string().min(1).max(200);
const cardNumber = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/);
const email = z.email().max(254);
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ]{6,20}$/);

export const kioskIdentifyPayload = z.discriminatedUnion('method', [
  z.object({ method: z.literal('card'), cardNumber, password: secret }).strict(),
  z.object({ method: z.literal('email'), email, password: secret }).strict(),
  z.object({ method: z.literal('phone'), phone, password: secret }).strict(),
  /** The code the customer's mobile app shows as a QR code. */
  z
    .object({
      method: z.literal('qr'),
      token: z
        .string()
        .trim()
        .min(8)
        .max(512)
        .regex(/^[\x21-\x7e]+$/),
    })
    .strict(),
]);

export type KioskIdentifyPayload = z.infer<typeof kioskIdentifyPayload>;

export const kioskRedeemPayload = z
  .object({
    rewardId: z.string().trim().min(1).max(64),
    /** Made by the screens when the customer confirms; the same id again (a double tap) gets the same voucher. */
    confirmationId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  })
  .strict();

export const kioskSignUpPayload = z
  .object({
    firstName: z.string().trim().min(1).max(100),
    lastName: z.string().trim().min(1).max(100),
    email: email.optional(),
    phone: phone.optional(),
    language: z.enum(['cs', 'en']),
    password: z.string().min(8).max(200),
    /** Every agreement GET /agreements listed, each with the customer's own answer. */
    agreements: z
      .array(z.object({ id: z.string().trim().min(1).max(64), granted: z.boolean() }).strict())
      .max(50),
    /** A free card the customer scanned, to be assigned to the new account. */
    cardNumber: cardNumber.optional(),
  })
  .strict()
  .refine((p) => p.email !== undefined || p.phone !== undefined, {
    message: 'an e-mail or a phone is needed',
    path: ['email'],
  });

export type KioskSignUpPayload = z.infer<typeof kioskSignUpPayload>;

/** Another free card for the customer who just signed up here without one. */
export const kioskAssignCardPayload = z.object({ cardNumber }).strict();

export const kioskSignOutPayload = z
  .object({ reason: z.enum(['done', 'inactivity', 'card_removed']) })
  .strict();
