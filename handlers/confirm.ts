import { admit, type CommandSpec } from '../src/bot/commands';
import { confirmService } from './confirm-service';
import { confirmOpinion } from './opinion-confirm';

/** W<n>/A<n>: a wish or a volunteer activity (奉献); anything else is read as an opinion's Y<n>. */
const SERVICE_CODE = /^[wa]\s*\d/i;

/**
 * `确认` says two things by what follows it: a secretary confirming 奉献 work (`确认 A3 张三`) or a member accepting
 * how their opinion was handled (`确认 Y3`). One command word, so the two never shadow each other.
 */
export const confirmCommand: CommandSpec = {
  name: '确认',
  audience: 'member',
  usage: '确认 Y<编号>（确认意见办理结果）；书记：确认 W<编号>|A<编号> <姓名>|全部',
  summary: '确认意见建议的办理结果；书记确认党员完成了微心愿或志愿活动（记入奉献积分）',
  example: '确认 Y3\n确认 A3 张三',
  async run(ctx, args, raw) {
    const spec = SERVICE_CODE.test(args.trim()) ? confirmService : confirmOpinion;
    if (spec !== confirmOpinion && !(await admit(ctx, spec))) return;
    await spec.run(ctx, args, raw);
  },
};
