// The journal's history of an entry as the manager's screen tells it: who (this terminal,
// another one, the support tool, the system or a person) and what, as codes the screen
// words in its language, instead of process labels and the journal's own notes.
import type {
  ActorView,
  AttemptOutcomeKind,
  AttemptView,
  ConnectionKind,
  HistoryEvent,
} from '../../shared/checkout/answers.ts';
import type { Attempt, Transition } from '../journal/types.ts';

const attemptOutcomes: readonly AttemptOutcomeKind[] = [
  'synced',
  'already-landed',
  'rejected',
  'transport',
  'timeout',
  'rate-limited',
  'server',
  'unexpected',
  'auth',
  'abandoned',
];

/**
 * A journal actor: a sending process (`label@host:pid:nonce`), `system`, or a person's name.
 * `cli` is the label of `ccpos`, the support tool.
 */
export function actorOf(actor: string, ownHost: string): ActorView {
  if (actor === 'system') return { kind: 'system' };
  const owner = /^([\w-]+)@(.+):(\d+):[0-9a-f]+$/.exec(actor);
  if (!owner) return { kind: 'person', name: actor };
  if (owner[1] === 'cli') return { kind: 'support-tool' };
  return owner[2] === ownHost ? { kind: 'this-terminal' } : { kind: 'other-terminal', host: owner[2]! };
}

const causes: readonly [
  RegExp,
  (match: RegExpExecArray) => Pick<HistoryEvent, 'event' | 'entryId' | 'outcome' | 'text'>,
][] = [
  [/^recorded$/, () => ({ event: 'recorded' })],
  [/^resend of entry (\d+)$/, (m) => ({ event: 'resent-from', entryId: Number(m[1]) })],
  [/^send$/, () => ({ event: 'claimed' })],
  [/^accepted by CareCloud$/, () => ({ event: 'accepted' })],
  [/^CareCloud already had this bill_id$/, () => ({ event: 'already-there' })],
  [/^refused by CareCloud: /, () => ({ event: 'refused' })],
  [/^sender .* is gone$/, () => ({ event: 'sender-gone' })],
  [/^lease expired$/, () => ({ event: 'lease-expired' })],
  [/^retry requested$/, () => ({ event: 'retry-requested' })],
  [/^resent as entry (\d+)$/, (m) => ({ event: 'resent-as', entryId: Number(m[1]) })],
  [/^the sale it cancels was voided/, () => ({ event: 'original-voided' })],
  [/^voided: ([\s\S]*)$/, (m) => ({ event: 'voided', text: m[1]! })],
  [
    /^([a-z-]+): /,
    (m) =>
      attemptOutcomes.includes(m[1] as AttemptOutcomeKind)
        ? { event: 'retry-later', outcome: m[1] as AttemptOutcomeKind }
        : { event: 'other', text: m.input },
  ],
];

/** One transition of the journal as an event; a cause the journal may word in future falls to `other` with its text. */
export function describeTransition(
  transition: Transition,
  ownHost: string,
  at: (ms: number) => string,
): HistoryEvent {
  const base = {
    at: at(transition.at),
    from: transition.from,
    to: transition.to,
    by: actorOf(transition.actor, ownHost),
  };
  // A rejection by the system is the cancellation whose sale CareCloud refused (the journal's own sentence).
  if (transition.actor === 'system' && transition.to === 'rejected')
    return { ...base, event: 'original-refused' };
  for (const [pattern, read] of causes) {
    const match = pattern.exec(transition.cause);
    if (match) return { ...base, ...read(match) };
  }
  return { ...base, event: 'other', text: transition.cause };
}

/**
 * The kind of a connection failure, read from the client's sentence (`Could not reach CareCloud (connection refused)
 * …`).
 */
export function connectionKindOf(error: string | null): ConnectionKind | null {
  if (!error) return null;
  const phrases: readonly [string, ConnectionKind][] = [
    ['connection refused', 'refused'],
    ['host name not found', 'dns'],
    ['no complete answer within', 'timeout'],
    ['connection broken before', 'reset'],
    ['secure connection failed', 'tls'],
    ['network error', 'network'],
    ['did not answer before the send was abandoned', 'timeout'],
  ];
  return phrases.find(([phrase]) => error.includes(phrase))?.[1] ?? null;
}

export function describeAttempt(attempt: Attempt, ownHost: string, at: (ms: number) => string): AttemptView {
  const outcome =
    attempt.outcome !== null && attemptOutcomes.includes(attempt.outcome) ? attempt.outcome : null;
  const connection =
    outcome === 'transport' || outcome === 'timeout'
      ? (connectionKindOf(attempt.error) ?? (outcome === 'timeout' ? 'timeout' : 'network'))
      : null;
  return {
    startedAt: at(attempt.startedAt),
    finishedAt: attempt.finishedAt === null ? null : at(attempt.finishedAt),
    outcome,
    httpStatus: attempt.httpStatus,
    connection,
    by: actorOf(attempt.owner, ownHost),
  };
}
