/** Who reads the rankings and manages indicator sets, third-party scores and bulletins (within their region). No imports: the web app's menu reads it. */
export const ASSESSMENT_ROLES = ["leader", "supervisor", "admin"] as const;
