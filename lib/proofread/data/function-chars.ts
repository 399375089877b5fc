/**
 * Function characters that are not reduplicated in standard writing: 的的 了了 是是 are
 * slips. Shared by the repeat rule and the generator of boundaries.generated.ts.
 */
export const FUNCTION_CHARS = "的了是在和与及对把被将于并而就也都还又着地得之其或让给向从为以这那们我你他她它所由且则即因但若如使";
