import { normalizeText, segment } from "../knowledge/segmenter.ts";
import { articleNumber } from "../knowledge/lawrefbook-format.ts";
import { DISPUTE_CATEGORIES, type ServiceType } from "../services/service-catalogue.ts";
import { CATEGORY_TERMS, CIVIL_CODE_RANGES, CONTEXT_RULES, LAW_CATEGORY_RULES } from "./category-lexicon.ts";

export type DisputeCategory = (typeof DISPUTE_CATEGORIES)[number];

/** A retrieved article, as the law search returns it: its law votes for a category. */
export type ArticleVote = { lawTitle: string; articleNo: string; headingPath?: string };

/** Why the classifier decided as it did: the words it heard and the articles that voted. */
export type Evidence = { term: string; category: DisputeCategory; weight: number; source: "question" | "article" };

export type CategoryGuess = {
  /** null when nothing in the question points to any category: the assistant says so rather than guess. */
  category: DisputeCategory | null;
  /** 0..1: how much of the evidence agrees, damped when there is little of it. */
  confidence: number;
  /** Categories with any evidence, best first. */
  ranked: { category: DisputeCategory; score: number }[];
  evidence: Evidence[];
};

export type ServiceGuess = {
  /** null when the text is not a legal question at all (a greeting, a single unrelated word). */
  serviceType: ServiceType | null;
  confidence: number;
  /** The phrases that asked for a service. */
  evidence: { serviceType: ServiceType; phrase: string; weight: number }[];
};

export type Classification = {
  category: DisputeCategory | null;
  serviceType: ServiceType | null;
  confidence: { category: number; serviceType: number };
  /** True when either guess is weak: the answer should say that the classification is uncertain. */
  isUncertain: boolean;
  alternatives: { category: DisputeCategory; score: number }[];
  evidence: { category: Evidence[]; serviceType: ServiceGuess["evidence"] };
};

/**
 * How much the retrieved articles weigh against the question's own words (sum
 * over the ranks): about one decisive word. Chosen on the labelled set's tuning
 * half: 2–3 did best there, 1–1.5 a little worse, 4 and more worse again (the
 * search's drift starts to outvote the question's own words).
 */
export const ARTICLE_VOTE_WEIGHT = 2;
/** How many retrieved articles vote. */
export const ARTICLE_VOTERS = 10;
/** A score this high on its own makes a confident guess (one decisive word). */
const STRONG_SCORE = 3;
/** Below this the guess is reported as uncertain. */
export const CERTAIN_CONFIDENCE = 0.5;

const occurrences = (text: string, part: string): number => {
  if (!part) return 0;
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++;
  return count;
};

const LEXICON_WORDS = [...new Set(DISPUTE_CATEGORIES.flatMap((category) => Object.keys(CATEGORY_TERMS[category])))];
/** Lexicon words the segmenter keeps whole when it sees them alone; filled on first use (jieba loads lazily). */
let segmenterWords: Set<string> | null = null;

/**
 * The lexicon words in the question. A word the segmenter knows (it keeps it
 * whole when alone) is heard only where the segmenter makes it a token of the
 * question, so 婚后 is not heard in 离婚后 nor 车 in 车间; a word it would split
 * (遗产管理人, 融资租赁) is found in the normalised text. A word found inside a
 * longer lexicon word counts only where it also stands on its own: 劳动合同 is not
 * also 合同, 出租车 not 出租, 商品房 not 商品.
 */
export function lexiconWords(question: string): string[] {
  segmenterWords ??= new Set(LEXICON_WORDS.filter((word) => segment(word).includes(word)));
  const known = segmenterWords;
  const text = normalizeText(question);
  const tokens = new Set(segment(question));
  const found = LEXICON_WORDS.filter((word) => (known.has(word) ? tokens.has(word) : text.includes(word)));
  return found.filter((word) => {
    const longer = found.filter((other) => other.length > word.length && other.includes(word));
    if (!longer.length) return true;
    const inside = longer.reduce((sum, other) => sum + occurrences(text, other) * occurrences(other, word), 0);
    return occurrences(text, word) > inside;
  });
}

/**
 * The question a person asks comes last ("…，是否属于诈骗？"): words of the last
 * clause weigh this much more than the story before it.
 */
export const LAST_CLAUSE_BOOST = 1.5;

/** The last clause of a question: after the last comma, semicolon or full stop that has text after it. */
export function lastClause(question: string): string {
  const parts = normalizeText(question).split(/[,;，；。!！]/).map((p) => p.trim()).filter((p) => /[\p{L}\p{N}]/u.test(p));
  return parts.length > 1 ? parts[parts.length - 1] : "";
}

/** The category a retrieved article's law stands for, or null when its law says nothing about one. */
export function categoryOfArticle(article: ArticleVote): DisputeCategory | null {
  if (/民法典/.test(article.lawTitle) && !/解释|规定/.test(article.lawTitle)) {
    const n = articleNumber(article.articleNo);
    if (n === null) return null;
    return CIVIL_CODE_RANGES.find((range) => n >= range.from && n <= range.to)?.category ?? null;
  }
  const text = `${article.lawTitle} ${article.headingPath ?? ""}`;
  return LAW_CATEGORY_RULES.find((rule) => rule.pattern.test(text))?.category ?? null;
}

/**
 * The dispute category of a question: the weighted words of the question
 * (CATEGORY_TERMS) plus a vote of the articles the search found for it, each
 * article's law standing for a category (劳动合同法 → 劳动争议), the better ranked
 * weighing more. Nothing heard and no article voting → category null.
 */
export function classifyCategory(question: string, articles: ArticleVote[] = [], options: { articleWeight?: number } = {}): CategoryGuess {
  const articleWeight = options.articleWeight ?? ARTICLE_VOTE_WEIGHT;
  const scores = new Map<DisputeCategory, number>();
  const evidence: Evidence[] = [];
  const add = (category: DisputeCategory, weight: number, term: string, source: Evidence["source"]) => {
    scores.set(category, (scores.get(category) ?? 0) + weight);
    evidence.push({ term, category, weight, source });
  };
  const words = lexiconWords(question);
  const last = lastClause(question);
  const context = CONTEXT_RULES.filter((rule) => words.some((word) => rule.when.includes(word)));
  for (const word of words) {
    const boost = last.includes(word) ? LAST_CLAUSE_BOOST : 1;
    const moved = context.find((rule) => rule.words.includes(word));
    if (moved) {
      add(moved.to, moved.weight * boost, word, "question");
      continue;
    }
    for (const category of DISPUTE_CATEGORIES) {
      const weight = CATEGORY_TERMS[category][word];
      if (weight) add(category, weight * boost, word, "question");
    }
  }
  const voters = articles.slice(0, ARTICLE_VOTERS);
  // Rank weights 1, 1/2, 1/3 … normalised to ARTICLE_VOTE_WEIGHT over the voters there are.
  const harmonic = voters.reduce((sum, _, rank) => sum + 1 / (rank + 1), 0);
  voters.forEach((article, rank) => {
    const category = categoryOfArticle(article);
    if (category) add(category, (articleWeight * (1 / (rank + 1))) / Math.max(harmonic, 1), `${article.lawTitle}${article.articleNo}`, "article");
  });
  const ranked = [...scores.entries()]
    .filter(([, score]) => score > 0)
    .map(([category, score]) => ({ category, score: Math.round(score * 100) / 100 }))
    .sort((a, b) => b.score - a.score || DISPUTE_CATEGORIES.indexOf(a.category) - DISPUTE_CATEGORIES.indexOf(b.category));
  if (!ranked.length) return { category: null, confidence: 0, ranked, evidence };
  const total = ranked.reduce((sum, r) => sum + r.score, 0);
  const top = ranked[0].score;
  const confidence = (top / total) * Math.min(1, top / STRONG_SCORE);
  return { category: ranked[0].category, confidence: Math.round(confidence * 100) / 100, ranked, evidence };
}

type ServiceSignal = {
  serviceType: ServiceType;
  pattern: RegExp;
  weight: number;
  /**
   * A service people also ask about as a point of law (是否可以仲裁, 能否再进行司法鉴定):
   * such a mention counts in full only when the person wants to act (申请, 去哪, 怎么办).
   */
  isAskedAbout?: boolean;
};

/** The person wants to do something, not only to know what the law says. */
const WANTS_TO_ACT = /(我|想|要|怎么|如何|怎样|去哪|哪里)(去)?申请|办理|去哪|哪里|在哪|找谁|怎么办|怎样办|如何办|该怎么|怎么处理|如何处理|怎样处理|怎么解决|如何解决|怎样解决|要带|带什么|准备什么|什么材料|流程|手续|帮我|我想|我要|想找|想请|想申请|能帮/;
/** A dispute: two sides in conflict. */
const CONFLICT = /纠纷|矛盾|吵架|争吵|争执|争议|闹/;
/** The person asks how to resolve something. */
const RESOLVE = /怎么办|该怎么|怎么解决|如何解决|怎样解决|怎么处理|如何处理|怎样处理|咋办/;
/** Something is being asked about the law: a question, or a legal word. */
const LEGAL_QUESTION = /[吗么？?]|是否|能否|可否|可不可以|能不能|有没有|什么|哪些|怎么|怎样|如何|多少|多久|合法|违法|责任|权利|义务|规定|法律|赔偿|起诉|告/;

export const SERVICE_SIGNALS: ServiceSignal[] = [
  { serviceType: "legal_aid", pattern: /法律援助|法援/, weight: 3 },
  { serviceType: "legal_aid", pattern: /(请|找|雇)不起律师|没(有)?钱(请|找)律师|付不起(律师|诉讼|官司)|打不起官司|律师费.{0,4}(付不起|出不起|太贵|负担不起)/, weight: 3 },
  { serviceType: "legal_aid", pattern: /经济困难|家庭困难|生活困难|低保|特困|贫困户|没有收入|没收入/, weight: 1.5 },
  { serviceType: "mediation", pattern: /调解/, weight: 2.5, isAskedAbout: true },
  { serviceType: "notarization", pattern: /公证/, weight: 3, isAskedAbout: true },
  { serviceType: "forensic_appraisal", pattern: /司法鉴定|伤残鉴定|伤残等级|亲子鉴定|笔迹鉴定|精神病?鉴定|做(个|一个)?鉴定|鉴定机构|鉴定中心/, weight: 3, isAskedAbout: true },
  { serviceType: "arbitration", pattern: /仲裁/, weight: 3, isAskedAbout: true },
  { serviceType: "administrative_reconsideration", pattern: /行政复议|复议/, weight: 3, isAskedAbout: true },
  {
    serviceType: "administrative_reconsideration",
    pattern: /(政府|行政机关|派出所|公安|城管|市场监管|工商|税务|交警|人社|自然资源|国土|环保|执法).{0,20}(不服|处罚|罚款|罚了|决定|答复|拘留|吊销|没收|责令|不予)|(不服|不认可).{0,10}(处罚|罚款|决定|答复)/,
    weight: 2,
    isAskedAbout: true,
  },
  { serviceType: "lawyer_referral", pattern: /(找|请|委托|推荐|聘请|介绍)(个|一个|一位|位)?(好的?)?律师/, weight: 2.5 },
  { serviceType: "complaint", pattern: /(投诉|举报).{0,12}(律师|公证员|公证处|司法所|调解员|法律援助|工作人员|窗口|12348)|(律师|公证员|公证处|司法所|调解员|工作人员).{0,16}(投诉|举报)/, weight: 3 },
  { serviceType: "suggestion", pattern: /(建议|意见).{0,8}(平台|网站|你们|服务|窗口|系统)|(平台|网站|你们|服务|窗口|系统).{0,8}(建议|改进|改善)/, weight: 2 },
];

/** A service needs this much evidence to be chosen over a consultation. */
const SERVICE_THRESHOLD = 2;

/**
 * The service type a question asks for. Named services (法律援助, 公证, 仲裁…)
 * and the ways people ask for them (没钱请律师 → legal aid); a dispute the person
 * asks how to resolve, or a problem with a neighbour, → mediation. Otherwise,
 * when the text asks something about the law, a consultation: what the law says
 * is what they want to know. A text that is not a question about anything → null.
 */
export function classifyServiceType(question: string, category: DisputeCategory | null): ServiceGuess {
  const text = normalizeText(question);
  const wantsToAct = WANTS_TO_ACT.test(text);
  const scores = new Map<ServiceType, number>();
  const evidence: ServiceGuess["evidence"] = [];
  const add = (serviceType: ServiceType, weight: number, phrase: string) => {
    scores.set(serviceType, (scores.get(serviceType) ?? 0) + weight);
    evidence.push({ serviceType, phrase, weight });
  };
  for (const signal of SERVICE_SIGNALS) {
    const match = signal.pattern.exec(text);
    if (!match) continue;
    add(signal.serviceType, signal.isAskedAbout && !wantsToAct ? signal.weight * 0.4 : signal.weight, match[0]);
  }
  // Legal aid is for those who cannot pay a lawyer: the naming of a lawyer beside
  // hardship is not a referral.
  if ((scores.get("legal_aid") ?? 0) >= SERVICE_THRESHOLD) scores.delete("lawyer_referral");
  const resolve = RESOLVE.exec(text);
  const conflict = CONFLICT.exec(text);
  // People's mediation: a dispute the person wants resolved, and the everyday
  // trouble between neighbours (People's Mediation Law art. 2).
  if (resolve && conflict) add("mediation", 2.5, `${conflict[0]}…${resolve[0]}`);
  else if (resolve && category === "邻里") add("mediation", 2.5, `邻里…${resolve[0]}`);

  const best = [...scores.entries()].sort((a, b) => b[1] - a[1])[0];
  if (best && best[1] >= SERVICE_THRESHOLD) {
    return { serviceType: best[0], confidence: Math.round(Math.min(1, best[1] / 3) * 100) / 100, evidence };
  }
  if (category || LEGAL_QUESTION.test(text)) {
    // A consultation, less sure the more some service was hinted at.
    const hinted = best ? best[1] / SERVICE_THRESHOLD : 0;
    return { serviceType: "consultation", confidence: Math.round(Math.max(0.4, 0.9 - 0.5 * hinted) * 100) / 100, evidence };
  }
  return { serviceType: null, confidence: 0, evidence };
}

/** Both guesses for a question, with the articles the search retrieved for it voting on the category. */
export function classifyQuestion(question: string, articles: ArticleVote[] = []): Classification {
  const category = classifyCategory(question, articles);
  const service = classifyServiceType(question, category.category);
  return {
    category: category.category,
    serviceType: service.serviceType,
    confidence: { category: category.confidence, serviceType: service.confidence },
    isUncertain: category.confidence < CERTAIN_CONFIDENCE || service.confidence < CERTAIN_CONFIDENCE,
    alternatives: category.ranked.slice(0, 3),
    evidence: { category: category.evidence, serviceType: service.evidence },
  };
}
