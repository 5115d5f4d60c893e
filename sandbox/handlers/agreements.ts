// The consents a customer can give (GET /agreements), on both interfaces.
import { agreements } from '../customer-seed.ts';
import { listReply } from '../listing.ts';
import { str, type Handler } from './context.ts';

export const getConsents: Handler = (ctx) => {
  const channel = str(ctx.query, 'communication_channel_id');
  const textId = str(ctx.query, 'text_id');
  const rows = agreements
    .filter(
      (a) =>
        (channel === undefined || a.communication_channel_id === channel) &&
        (textId === undefined || a.text_id === textId),
    )
    .map((a) => ({
      agreement_id: a.agreement_id,
      name: a.name[ctx.lang],
      text: a.text[ctx.lang],
      withdrawal_text: a.withdrawal_text[ctx.lang],
      ...(a.communication_channel_id ? { communication_channel_id: a.communication_channel_id } : {}),
      text_id: a.text_id,
      last_change: '2026-01-15 09:00:00',
    }));
  return listReply('agreements', rows, ctx.query, ctx.sortable);
};
