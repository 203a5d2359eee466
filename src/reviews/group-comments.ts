/** Comment groups, matched by keywords in this order (the three needs of 求助, plus the branch's own work). */
const GROUPS: Array<[label: string, words: RegExp]> = [
  ['就医', /就医|看病|医院|医保|报销|生病|药/u],
  ['就学', /就学|(?<!线)上学(?!习)|入学|学校|读书|转学|子女/u],
  ['学习活动', /学习|活动|组织生活|党课|会议|三会一课/u],
  ['就业', /就业|工作|找活|招聘|岗位|工资|欠薪|培训/u],
  ['联系服务', /联系|走访|关心|服务|态度|回复|电话|帮助/u],
];
export const OTHER_GROUP = '其他';

export interface CommentGroup {
  label: string;
  comments: string[];
}

/** Groups comments by the first group whose keywords they contain; groups in a fixed order, empty ones left out. */
export function groupComments(comments: string[]): CommentGroup[] {
  const groups = new Map<string, string[]>([...GROUPS.map(([l]) => [l, []] as [string, string[]]), [OTHER_GROUP, []]]);
  for (const c of comments) groups.get(GROUPS.find(([, re]) => re.test(c))?.[0] ?? OTHER_GROUP)!.push(c);
  return [...groups].filter(([, list]) => list.length > 0).map(([label, list]) => ({ label, comments: list }));
}
