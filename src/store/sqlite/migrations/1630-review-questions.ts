/** The admin's own review questions (JSON), and the choices a member made on them so far in the 1:1 dialogue. */
export const reviewQuestionsSchema = {
  version: 1630,
  name: 'review-questions',
  sql: `
ALTER TABLE reviews ADD COLUMN questions TEXT;
ALTER TABLE review_drafts ADD COLUMN choices TEXT;
`,
};
