// During preview, inputs that come from resources not yet created reach a dynamic provider's `check` as this
// sentinel string (Pulumi's unknown value). Validation must let it through: the real value is checked on `up`.
export const UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_SENTINEL;
}
