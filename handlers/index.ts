import { Composer, type Middleware } from '../src/bot/composer';
import { registerCommands, type CommandSpec } from '../src/bot/commands';
import { loadContext } from '../src/bot/load-context';
import { addPushGroup } from './add-push-group';
import { addPoints, deductPoints } from './adjust-points';
import { bankAdd } from './bank-add';
import { bankList } from './bank-list';
import { bindBranch } from './bind-branch';
import { dashboardLink } from './dashboard-link';
import { checkIn } from './check-in';
import { bindingCode, bindWithCode } from './binding-code';
import { confirmCheckIn, rejectCheckIn } from './confirm-check-in';
import { checkPush } from './check-push';
import { fallback } from './fallback';
import { usageCommand } from './usage';
import { listTasks } from './list-tasks';
import { myPoints } from './my-points';
import { publishTask } from './publish-task';
import { pushPlan } from './push-plan';
import { pushPreview } from './push-preview';
import { ranking } from './ranking';
import { remind } from './remind';
import { approve, reject, reviewList } from './review';
import { setPush } from './set-push';
import { setSecretary } from './set-secretary';
import { submitProofMiddleware } from './submit-proof';
import { taskStats } from './task-stats';
import { taskDoneList } from './task-done-list';
import { withdrawTask } from './withdraw-task';
import { modifyTask } from './modify-task';
import { bankRemove } from './bank-remove';
import { meetingCommands } from './meeting-commands';
import { recordTalk, recordVisit } from './record-contact';
import { homecomingReport } from './homecoming-report';
import { homecomingList } from './homecoming-list';
import { issueCertificate } from './issue-certificate';
import { openReview } from './review-open';
import { startReview } from './review-start';
import { reviewDialogue } from './review-dialogue';
import { publishActivity, publishWish } from './publish-service';
import { claimWish, joinActivity } from './claim-service';
import { cancelActivity, cancelWish } from './cancel-claim';
import { completeService } from './complete-service';
import { confirmCommand } from './confirm';
import { serviceList } from './service-list';

export interface RouterExtensions {
  /** More chat commands (later capabilities register theirs here). */
  commands?: CommandSpec[];
  /** Tried after commands and proof, before the "not understood" answer (e.g. Q&A). */
  beforeFallback?: Middleware[];
}

export const coreCommands: CommandSpec[] = [
  checkIn,
  bindingCode,
  bindWithCode,
  confirmCheckIn,
  rejectCheckIn,
  listTasks,
  myPoints,
  ranking,
  publishTask,
  modifyTask,
  withdrawTask,
  taskStats,
  taskDoneList,
  remind,
  addPoints,
  deductPoints,
  reviewList,
  approve,
  reject,
  bindBranch,
  setSecretary,
  bankAdd,
  bankList,
  bankRemove,
  pushPlan,
  pushPreview,
  dashboardLink,
  addPushGroup,
  setPush,
  checkPush,
  ...meetingCommands,
  recordTalk,
  recordVisit,
  homecomingReport,
  homecomingList,
  issueCertificate,
  openReview,
  startReview,
  ...[publishWish, publishActivity, serviceList, claimWish, joinActivity, cancelWish, cancelActivity],
  ...[completeService, confirmCommand],
];

/** The whole chat surface, in order: context → commands → proof → extensions → fallback. */
export function createRouter(ext: RouterExtensions = {}): Middleware {
  const commands: CommandSpec[] = [...coreCommands, ...(ext.commands ?? [])];
  const all: CommandSpec[] = [usageCommand(() => all), ...commands];
  const composer = new Composer().use(loadContext, reviewDialogue);
  registerCommands(composer, all);
  composer.use(submitProofMiddleware, ...(ext.beforeFallback ?? []), fallback);
  return composer.middleware();
}
