// Every operation of the trimmed contract, by operationId.
import { getCard, getCards, postAssignCard, postValidateFreeCard } from './cards.ts';
import { getConsents } from './agreements.ts';
import type { Handler } from './context.ts';
import { getWalletPointsExpiration } from './points-expiration.ts';
import {
  getCustomer,
  getCustomers,
  getCustomerSearch,
  getSubCustomerCards,
  getSubCustomerRewards,
  getSubCustomerStatus,
  getSubCustomerVouchers,
  postCustomer,
} from './customers.ts';
import {
  getPurchase,
  getPurchasePaymentSummary,
  getPurchases,
  postPurchaseAcceptPayment,
  postPurchaseRecommendedRewards,
  postPurchaseSend,
  postPurchaseAssignCustomer,
} from './purchases.ts';
import {
  getCardTypes,
  getCountries,
  getCurrencies,
  getCustomerSources,
  getLanguages,
  getPaymentTypes,
  getPurchaseItemTypes,
  getPurchaseTypes,
  getStatuses,
  getStore,
  getStores,
} from './reference.ts';
import { getReward, getRewards, postRewardCreateVoucher } from './rewards.ts';
import { postCustomersCheckRegistrationAbility, postSendOtp, postVerifyOtp } from './signup.ts';
import { getTestsConnection, postUserLogin, postUserLogout } from './users.ts';
import { getVoucher, getVouchers, postVoucherApply, postVoucherGiftCardBalance } from './vouchers.ts';
import { getWalletCredits, getWalletPoints } from './wallet.ts';

export const handlers: Record<string, Handler> = {
  postUserLogin,
  postUserLogout,
  getTestsConnection,
  getCustomers,
  postCustomer,
  postCustomersCheckRegistrationAbility,
  postSendOtp,
  postVerifyOtp,
  getCustomer,
  getCustomerSearch,
  getSubCustomerCards,
  getSubCustomerVouchers,
  getSubCustomerRewards,
  getSubCustomerStatus,
  getCards,
  getCard,
  postValidateFreeCard,
  postAssignCard,
  getWalletPoints,
  getWalletCredits,
  getVouchers,
  getVoucher,
  postVoucherApply,
  postVoucherGiftCardBalance,
  getPurchases,
  getPurchase,
  postPurchaseAcceptPayment,
  postPurchaseRecommendedRewards,
  postPurchaseSend,
  postPurchaseAssignCustomer,
  getPurchasePaymentSummary,
  getRewards,
  getReward,
  postRewardCreateVoucher,
  getStores,
  getStore,
  getPaymentTypes,
  getPurchaseTypes,
  getPurchaseItemTypes,
  getCurrencies,
  getLanguages,
  getCountries,
  getStatuses,
  getCardTypes,
  getCustomerSources,
  getConsents,
  getWalletPointsExpiration,
};
