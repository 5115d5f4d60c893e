// CareCloud's 400 reason codes as sentences a cashier can read aloud. The
// purchase-specific codes come first; a generic code falls back to the
// parameter-neutral sentence. Source: api-conventions.txt, "List of all error
// reasons" and "Specific error messages for the purchase closure process".
import type { Language } from './language.ts';

type Sentences = Readonly<Record<Language, string>>;

/** Sentences for the generic reasons; `{field}` is the parameter's plain name. */
const generic: Readonly<Record<string, Sentences>> = {
  already_exists: {
    en: 'This {field} is already registered in CareCloud.',
    cs: 'Tato hodnota ({field}) už v CareCloudu existuje.',
  },
  empty: {
    en: 'The {field} is empty; fill it in.',
    cs: 'Pole {field} je prázdné, vyplňte ho.',
  },
  not_found: {
    en: 'CareCloud does not know this {field}.',
    cs: 'CareCloud tuto hodnotu ({field}) nezná.',
  },
  required: {
    en: 'The {field} is missing.',
    cs: 'Chybí {field}.',
  },
  not_allowed_value: {
    en: 'This {field} is not allowed here.',
    cs: 'Tato hodnota ({field}) tu není povolena.',
  },
  invalid_value_format: {
    en: 'The {field} is in the wrong format.',
    cs: 'Hodnota {field} má špatný formát.',
  },
  relation_already_exists: {
    en: 'This combination already exists in CareCloud.',
    cs: 'Tato kombinace už v CareCloudu existuje.',
  },
  not_belong_to_logged_in_customer: {
    en: 'This {field} belongs to a different customer.',
    cs: 'Tato hodnota ({field}) patří jinému zákazníkovi.',
  },
  deleted: {
    en: 'This {field} has been deleted in CareCloud.',
    cs: 'Tato hodnota ({field}) byla v CareCloudu smazána.',
  },
};

/** Sentences for the purchase closure, keyed by reason (and `name/reason` where one reason means different things). */
const purchase: Readonly<Record<string, Sentences>> = {
  'store_id/not_found': {
    en: 'CareCloud does not know this store. Check the store in the settings.',
    cs: 'CareCloud tuto prodejnu nezná. Zkontrolujte prodejnu v nastavení.',
  },
  'purchase_type_id/not_allowed_value': {
    en: 'This purchase type is not allowed. Ask the manager to check the settings.',
    cs: 'Tento typ nákupu není povolen. Požádejte vedoucího o kontrolu nastavení.',
  },
  item_price_lower_than_paid_amount: {
    en: 'An item is paid with more than its price.',
    cs: 'Položka je zaplacena více, než je její cena.',
  },
  'bill/payload_too_large': {
    en: 'CareCloud refused this sale as too large to receive. Check the bill and enter it again in smaller parts.',
    cs: 'CareCloud odmítl tento nákup jako příliš velký. Zkontrolujte účtenku a zadejte ji znovu po menších částech.',
  },
  'bill/upload_cut': {
    en:
      'CareCloud broke off receiving this sale several times while it answered otherwise. ' +
      'Check the bill and enter it again in smaller parts.',
    cs:
      'CareCloud opakovaně přerušil příjem tohoto nákupu, ačkoli jinak odpovídal. ' +
      'Zkontrolujte účtenku a zadejte ji znovu po menších částech.',
  },
  'bill_number/original_not_booked': {
    en:
      'CareCloud refused the sale this cancels, so there is nothing to cancel. ' +
      'If that sale is sent again, retry this cancellation after it.',
    cs:
      'CareCloud odmítl nákup, který se tímto ruší, takže není co rušit. ' +
      'Pokud se ten nákup odešle znovu, zopakujte po něm i toto zrušení.',
  },
  'bill_id/already_exists': {
    en: 'This sale has already been sent to CareCloud.',
    cs: 'Tento nákup už byl do CareCloudu odeslán.',
  },
  'bill_item_id/required': {
    en: 'An item on the bill has no line number.',
    cs: 'Položce na účtence chybí číslo řádku.',
  },
  'payment_time/invalid_value_format': {
    en: 'The time of payment is in the wrong format.',
    cs: 'Čas platby má špatný formát.',
  },
  not_enough_points_for_payment: {
    en: 'The customer does not have enough points for this payment.',
    cs: 'Zákazník nemá na tuto platbu dost bodů.',
  },
  max_number_of_voucher_exceeded: {
    en: 'Too many vouchers on one purchase.',
    cs: 'Na jeden nákup je příliš mnoho poukazů.',
  },
  different_system_id: {
    en: 'This terminal is registered to a different system in CareCloud.',
    cs: 'Tato pokladna je v CareCloudu vedena pod jiným systémem.',
  },
  voucher_not_allowed_in_store: {
    en: 'This voucher cannot be used in this store.',
    cs: 'Tento poukaz nelze v této prodejně použít.',
  },
  not_enough_items_for_voucher: {
    en: 'The purchase does not have enough items for this voucher.',
    cs: 'Nákup nemá pro tento poukaz dost položek.',
  },
  voucher_condition_count_not_satisfied: {
    en: 'The conditions of this voucher are not met.',
    cs: 'Podmínky tohoto poukazu nejsou splněny.',
  },
  voucher_bonus_count_not_satisfied: {
    en: 'The bonus items for this voucher are missing from the purchase.',
    cs: 'V nákupu chybí bonusové položky pro tento poukaz.',
  },
  unauthorized_use_vouchers: {
    en: 'This customer may not use vouchers.',
    cs: 'Tento zákazník nesmí používat poukazy.',
  },
  not_enough_points_for_voucher: {
    en: 'The customer does not have enough points for this voucher.',
    cs: 'Zákazník nemá na tento poukaz dost bodů.',
  },
  voucher_cant_be_applied_by_date: {
    en: 'This voucher is not valid today.',
    cs: 'Tento poukaz dnes neplatí.',
  },
  voucher_cant_be_applied_by_time: {
    en: 'This voucher is not valid at this time of day.',
    cs: 'Tento poukaz v tuto denní dobu neplatí.',
  },
  voucher_cant_be_applied_by_validity_days: {
    en: 'This voucher is not valid on this day of the week.',
    cs: 'Tento poukaz v tento den v týdnu neplatí.',
  },
  voucher_cant_be_applied_by_segment: {
    en: 'This voucher is not meant for this customer.',
    cs: 'Tento poukaz není určen pro tohoto zákazníka.',
  },
  voucher_cant_be_used_in_store: {
    en: 'This voucher cannot be used in this store.',
    cs: 'Tento poukaz nelze v této prodejně uplatnit.',
  },
  voucher_assigned_to_another_customer: {
    en: 'This voucher belongs to a different customer.',
    cs: 'Tento poukaz patří jinému zákazníkovi.',
  },
  voucher_already_used: {
    en: 'This voucher has already been used.',
    cs: 'Tento poukaz už byl použit.',
  },
  voucher_already_applied: {
    en: 'This voucher is already applied to this purchase.',
    cs: 'Tento poukaz už je na nákup uplatněn.',
  },
  voucher_expired: {
    en: 'This voucher has expired.',
    cs: 'Platnost tohoto poukazu vypršela.',
  },
  insufficient_amount_of_purchase: {
    en: 'The purchase is too small for this voucher.',
    cs: 'Nákup je na tento poukaz příliš malý.',
  },
  voucher_invalid_type_of_usage: {
    en: 'This voucher cannot be used this way.',
    cs: 'Tento poukaz nelze takto použít.',
  },
  card_is_blocked: {
    en: 'This card is blocked.',
    cs: 'Tato karta je zablokovaná.',
  },
  points_min_amount_of_purchase: {
    en: 'The purchase is too small to pay with points.',
    cs: 'Nákup je na placení body příliš malý.',
  },
  customer_cant_pay_by_points: {
    en: 'This customer cannot pay with points.',
    cs: 'Tento zákazník nemůže platit body.',
  },
  customer_cant_pay_by_credits: {
    en: 'This customer cannot pay with credits.',
    cs: 'Tento zákazník nemůže platit kredity.',
  },
  customer_was_deleted: {
    en: 'This customer has been deleted in CareCloud.',
    cs: 'Tento zákazník byl v CareCloudu smazán.',
  },
};

/** Plain names of the request fields a reason may point at. */
const fieldNames: Readonly<Record<string, Sentences>> = {
  email: { en: 'email address', cs: 'e-mail' },
  phone: { en: 'phone number', cs: 'telefon' },
  card_number: { en: 'card number', cs: 'číslo karty' },
  customer_id: { en: 'customer', cs: 'zákazník' },
  store_id: { en: 'store', cs: 'prodejna' },
  bill_id: { en: 'sale', cs: 'nákup' },
  benefit_codes: { en: 'voucher', cs: 'poukaz' },
  payment_type: { en: 'payment type', cs: 'typ platby' },
};

const unknown: Sentences = {
  en: 'CareCloud refused the request ({reason}).',
  cs: 'CareCloud požadavek odmítl ({reason}).',
};

export interface InvalidParam {
  name?: string | undefined;
  reason: string;
}

/** Every reason code this module has a sentence for (purchase first, then generic). */
export const knownReasons: readonly string[] = [...Object.keys(purchase), ...Object.keys(generic)];

/** One plain sentence for one `invalid_params[]` entry of a CareCloud 400. */
export function reasonSentence(language: Language, param: InvalidParam): string {
  const name = param.name ?? '';
  const specific = purchase[`${name}/${param.reason}`] ?? purchase[param.reason];
  if (specific) return specific[language];
  const sentence = generic[param.reason];
  if (!sentence) return unknown[language].replace('{reason}', param.reason);
  const field =
    fieldNames[name]?.[language] ?? (name.replaceAll('_', ' ') || (language === 'cs' ? 'hodnota' : 'value'));
  return sentence[language].replaceAll('{field}', field);
}
