// Predict mode in the trace summary's place: the question (delivered, or dropped at which
// machine) while the flow is hidden; once guessed, the guess scored beside the real answer.
import { answerOf, type Guess, guessPlaces, type Scored } from '../model/predict';
import { playAfterGuess, predictStore, useTopology, useT, useTrace } from '../labStore';
import { Chip, VerdictBadge } from '../shell/Badges';
import { useFlowKey, usePredict } from './usePredict';

const choice =
  'rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs font-medium text-slate-800 hover:border-sky-500 hover:text-sky-700 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:border-sky-400 dark:hover:text-sky-300';

export function PredictQuestion() {
  const t = useT();
  const trace = useTrace();
  const topology = useTopology();
  const key = useFlowKey();
  if (!trace || !topology) return null;
  const guess = (g: Guess) => {
    predictStore.getState().dispatch({ type: 'guess', key, guess: g, answer: answerOf(trace) });
    // then the flow plays from its start (or goes to the step the link named)
    playAfterGuess();
  };
  return (
    <div role="group" aria-label={t('predict.question')} data-testid="predict-question" className="flex flex-wrap items-center gap-1.5">
      <span className="text-xs font-semibold text-amber-800 dark:text-amber-300">{t('predict.question')}</span>
      <button type="button" className={choice} data-guess="delivered" onClick={() => guess({ verdict: 'delivered' })}>
        {t('predict.delivered')}
      </button>
      <span className="text-xs text-slate-500 dark:text-slate-400">{t('predict.droppedAt')}</span>
      {guessPlaces(topology).map((at) => (
        <button key={at} type="button" className={`${choice} font-mono`} data-guess="dropped" data-at={at} aria-label={t('predict.droppedAtLabel', { at })} onClick={() => guess({ verdict: 'dropped', at })}>
          {at}
        </button>
      ))}
    </div>
  );
}

/** The chosen flow's scored guess, if it was guessed in predict mode. */
export function PredictResult() {
  const t = useT();
  const key = useFlowKey();
  const scored: Scored | undefined = usePredict((p) => (p.enabled ? p.guesses[key] : undefined));
  if (!scored) return null;
  const { guess, answer } = scored;
  return (
    <div data-testid="predict-result" className="flex flex-wrap items-center gap-1.5 text-xs">
      <span data-testid="predict-answer" className="inline-flex items-center gap-1.5 text-slate-700 dark:text-slate-200">
        {t('predict.answer')}
        <span data-testid="verdict" data-verdict={answer.verdict}>
          <VerdictBadge verdict={answer.verdict} />
        </span>
        {answer.at && <span className="font-mono">{t('predict.answer.at', { at: answer.at, reason: answer.reason ?? '' })}</span>}
      </span>
      <span className="text-slate-500 dark:text-slate-400">
        · {t('predict.yourGuess', { guess: guess.verdict === 'delivered' ? t('predict.guess.delivered') : t('predict.guess.dropped', { at: guess.at }) })}
      </span>
      <span data-testid="predict-verdict" data-right={scored.verdictRight}>
        <Chip tone={scored.verdictRight ? 'green' : 'red'}>{t(scored.verdictRight ? 'predict.verdictRight' : 'predict.verdictWrong')}</Chip>
      </span>
      {scored.placeRight !== undefined && (
        <span data-testid="predict-place" data-right={scored.placeRight}>
          <Chip tone={scored.placeRight ? 'green' : 'red'}>{t(scored.placeRight ? 'predict.placeRight' : 'predict.placeWrong')}</Chip>
        </span>
      )}
    </div>
  );
}
