import { formatDeadline } from '../time/parse-deadline-text';
import { SERVICE_NAMES, serviceCode, type ServiceItem } from './service-records';

/** The post a new item makes in the branch's groups: what, when, where, how many, and how to take part. */
export function formatServicePost(item: ServiceItem, tz: string): string {
  const code = serviceCode(item);
  const verb = item.kind === 'wish' ? '认领' : '报名';
  const lines = [
    item.kind === 'wish' ? `💝 微心愿 ${code}：${item.title}` : `🤝 志愿活动 ${code}：${item.title}`,
    ...(item.time ? [`时间：${item.time}`] : []),
    ...(item.place ? [`地点：${item.place}`] : []),
    `名额：${item.places} 人，分值：${item.points} 分（奉献积分）`,
    ...(item.deadline ? [`${verb}截止：${formatDeadline(new Date(item.deadline), tz)}`] : []),
    `@我 发送「${verb} ${code}」参加；完成后发送「完成 ${code}」并附照片，书记确认后计分。`,
  ];
  return lines.join('\n');
}

/** One line of a list: code, title and how many places are left. */
export function formatServiceLine(item: ServiceItem, held: number): string {
  const left = Math.max(item.places - held, 0);
  return `${serviceCode(item)} ${SERVICE_NAMES[item.kind]}：${item.title}（${left > 0 ? `剩 ${left} 个名额` : '名额已满'}，${item.points} 分）`;
}
