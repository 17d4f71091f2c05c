import { MEMBER_FIELDS, validateMember, type MemberInput } from "../domain/advisory-groups/members";
import { fail, formValues, type FormErrors } from "./forms";

/** A member from the add/edit form, or the errors (translation keys) and what was typed. */
export function memberFromForm(form: FormData): { ok: true; member: MemberInput } | { ok: false; errors: FormErrors; values: Record<string, string> } {
  const values = formValues(form, MEMBER_FIELDS);
  const raw = Object.fromEntries(MEMBER_FIELDS.map((f) => [f, (values[f] ?? "").slice(0, 1000)]));
  const { member, problems } = validateMember(raw);
  if (member) return { ok: true, member };
  const errors: FormErrors = {};
  for (const p of problems) errors[p.field] ??= `participation:members.errors.${p.key}`;
  return { ok: false, errors, values };
}

/** The add and edit forms' refusal when another current member of the group has that email: the member as validated is shown again. */
export function memberEmailTaken(member: MemberInput) {
  return fail(
    { email: "participation:members.errors.emailTaken" },
    Object.fromEntries(Object.entries(member).map(([k, v]) => [k, v == null ? "" : String(v)])),
  );
}
