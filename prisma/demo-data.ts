// Demo committees, accounts and reports for `npm run dev` on an empty database and for
// `npm run db:seed`. Never applied to a DATABASE_URL unless asked.

export const DEMO_PASSWORD = "demo-2026";

export const DEMO_COMMITTEES = [
  { slug: "zhuzhou", city: "株洲", name: "株洲市直机关工委", sortOrder: 1 },
  { slug: "fuzhou", city: "福州", name: "福州市直机关工委", sortOrder: 2 },
  { slug: "xiamen", city: "厦门", name: "厦门市直机关工委", sortOrder: 3 },
  { slug: "zhangzhou", city: "漳州", name: "漳州市直机关工委", sortOrder: 4 },
  // The speech's city name was redacted in the source; it lives in a placeholder committee.
  { slug: "sample-city", city: "示例市", name: "示例市直机关工委", sortOrder: 5 },
] as const;

export type DemoAccount = {
  username: string;
  displayName: string;
  isAdmin?: boolean;
  memberships: { committee: string; role: "EDITOR" | "REVIEWER" }[];
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: "admin", displayName: "系统管理员", isAdmin: true, memberships: [] },
  ...DEMO_COMMITTEES.flatMap((c): DemoAccount[] => [
    { username: `${c.slug}-editor`, displayName: `${c.city}编辑`, memberships: [{ committee: c.slug, role: "EDITOR" }] },
    { username: `${c.slug}-reviewer`, displayName: `${c.city}审核人`, memberships: [{ committee: c.slug, role: "REVIEWER" }] },
  ]),
  {
    username: "multi",
    displayName: "跨工委用户",
    memberships: [
      { committee: "xiamen", role: "EDITOR" },
      { committee: "zhangzhou", role: "REVIEWER" },
    ],
  },
];

/**
 * The sample reports. Dates: 漳州's is printed in its header; the others carry no date, so
 * a plausible day in the year of their file name stands in (demo data, not a record).
 */
export const DEMO_REPORTS = [
  { file: "zhuzhou-2022.txt", committee: "zhuzhou", status: "PUBLISHED", date: "2022-10-14", column: "工作综述" },
  { file: "fuzhou-2024.txt", committee: "fuzhou", status: "PUBLISHED", date: "2024-07-09", column: "工作综述" },
  { file: "xiamen-2022.txt", committee: "xiamen", status: "PUBLISHED", date: "2022-12-02", column: "学习贯彻" },
  { file: "zhangzhou-2022.txt", committee: "zhangzhou", status: "PUBLISHED", date: "2022-01-17", column: "党史学习教育" },
  // Placeholders (*** where names and figures were removed): submitted, never published.
  { file: "redacted-city-speech-2023.txt", committee: "sample-city", status: "SUBMITTED", date: "2023-03-15", column: "汇报发言" },
] as const;
