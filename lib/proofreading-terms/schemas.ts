import { z } from "zod";
import { safeTextRule } from "@/lib/validation/text";

const phrase = (label: string) => z.string().trim().min(1, { message: `请填写${label}` }).max(100, { message: `${label}不能超过 100 个字` }).refine(...safeTextRule(label));

/** A term a site admin adds: one form of a field per line in the page's form. */
export const proofreadingTermSchema = z
  .object({
    kind: z.enum(["FORMULATION", "TYPO", "STYLE"]),
    correct: phrase("正确写法"),
    wrong: z.array(phrase("错误写法")).max(50),
    items: z.array(phrase("并列项")).max(20),
    note: z.string().trim().max(200, { message: "说明不能超过 200 个字" }).refine(...safeTextRule("说明")).default(""),
  })
  .refine((term) => term.kind === "FORMULATION" || term.wrong.length > 0, { message: "错别字和不推荐写法须至少填写一个错误写法", path: ["wrong"] })
  .refine((term) => !term.wrong.includes(term.correct), { message: "错误写法不能与正确写法相同", path: ["wrong"] })
  .refine((term) => term.items.length === 0 || term.items.join("、") === term.correct, {
    message: "并列项依次用“、”连接后应与正确写法相同",
    path: ["items"],
  });
export type ProofreadingTermInput = z.input<typeof proofreadingTermSchema>;
