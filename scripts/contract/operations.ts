// The CareCloud operations this product uses. The trimmed contract keeps only
// these, so adding a call to the client starts here.
export const usedOperations: Record<string, readonly ('get' | 'post' | 'put' | 'delete')[]> = {
  '/users/actions/login': ['post'],
  '/users/actions/logout': ['post'],
  '/tests/connection': ['get'],

  // The self-service kiosk on the Customer API: its device token and the customer's login.
  '/tokens': ['post'],
  '/tokens/{token_id}/actions/login': ['post'],
  '/tokens/{token_id}/actions/authentication-token-login': ['post'],
  '/tokens/{token_id}/actions/auth-token': ['get'],
  '/tokens/{token_id}/actions/logout': ['post'],
  '/tokens/{token_id}/actions/send-password-setup-email': ['post'],
  '/agreements': ['get'],
  '/wallet/actions/points-expiration-overview': ['get'],

  '/customers': ['get', 'post'],
  '/customers/{customer_id}': ['get'],
  '/customers/actions/search-customers': ['get'],
  '/customers/{customer_id}/cards': ['get'],
  '/customers/{customer_id}/vouchers': ['get'],
  '/customers/{customer_id}/rewards': ['get'],
  '/customers/{customer_id}/status-records': ['get'],

  // Sign-up at the lane (the consents are listed above).
  '/customers/actions/check-registration-ability': ['post'],
  '/one-time-password/actions/send': ['post'],
  '/one-time-password/actions/verify': ['post'],

  '/cards': ['get'],
  '/cards/{card_id}': ['get'],
  '/cards/actions/validate-free-card': ['post'],
  '/cards/actions/assign-free-card': ['post'],

  '/wallet/actions/points-overview': ['get'],
  '/wallet/actions/credits-overview': ['get'],

  '/vouchers': ['get'],
  '/vouchers/{voucher_id}': ['get'],
  '/vouchers/{voucher_id}/actions/apply-voucher': ['post'],
  '/vouchers/actions/gift-card-balance': ['post'],

  '/purchases': ['get'],
  '/purchases/{purchase_id}': ['get'],
  '/purchases/actions/accept-payment': ['post'],
  '/purchases/actions/recommended-best-rewards': ['post'],
  '/purchases/actions/send-purchase': ['post'],
  '/purchases/actions/assign-customer': ['post'],
  '/purchases/{purchase_id}/actions/payment-summary': ['get'],

  '/rewards': ['get'],
  '/rewards/{reward_id}': ['get'],
  '/rewards/{reward_id}/actions/create-voucher': ['post'],

  '/stores': ['get'],
  '/stores/{store_id}': ['get'],
  '/payment-types': ['get'],
  '/purchase-types': ['get'],
  '/purchase-item-types': ['get'],
  '/currencies': ['get'],
  '/languages': ['get'],
  '/countries': ['get'],
  '/statuses': ['get'],
  '/card-types': ['get'],
  '/customer-sources': ['get'],
};
