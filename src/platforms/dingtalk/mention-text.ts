/** DingTalk @-mentions need the staff id both in `at.atUserIds` and as "@<id>" in the text (KB 0717, pitfall 5). */
export interface MentionText {
  content: string;
  atUserIds: string[];
}

/** A message can @ at most 50 people (KB 0717); the rest keep their plain "@名字". */
const MAX_AT = 50;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Handlers write "@张三" with member names; for each mentioned id whose name appears that way, the name is swapped
 * for the id (DingTalk shows it as a real @张三). Ids whose name is not in the text are appended; `asker` (the sender
 * of the message being answered) is @-ed at the start of a group reply.
 */
export async function mentionText(
  text: string,
  mentions: string[],
  nameOf: (userId: string) => Promise<string | undefined>,
  asker?: string,
): Promise<MentionText> {
  const ids = [...new Set([...(asker ? [asker] : []), ...mentions])].slice(0, MAX_AT);
  let content = text;
  const appended: string[] = [];
  for (const id of ids) {
    if (content.includes(`@${id}`)) continue;
    if (id === asker) continue;
    const name = await nameOf(id);
    const byName = name ? new RegExp(`@${escape(name)}(?=$|[\\s,，、。:：!！?？)）])`) : undefined;
    if (byName && byName.test(content)) content = content.replace(byName, `@${id}`);
    else appended.push(`@${id}`);
  }
  if (asker && !content.includes(`@${asker}`)) content = `@${asker} ${content}`;
  if (appended.length) content = `${content}\n${appended.join(' ')}`;
  return { content, atUserIds: ids };
}
