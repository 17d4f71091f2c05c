import type { ReactNode } from "react";
import { useTranslation } from "../i18n/use-translation";
import { directionOf } from "../i18n/config";

function cx(...names: Array<string | false | undefined | null>) {
  return names.filter(Boolean).join(" ");
}

function describedBy(...ids: Array<string | false | undefined>) {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}

function ErrorMessage({ id, message }: { id: string; message: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">{t("errors.prefix")}</span> {message}
    </p>
  );
}

function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={id} className="govuk-hint">
      {children}
    </div>
  );
}

function LabelText({ label, optional }: { label: ReactNode; optional?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      {label}
      {optional ? ` ${t("common.optional")}` : null}
    </>
  );
}

interface BaseFieldProps {
  name: string;
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  /** Use the label as the page's h1 (one question per page). */
  isPageHeading?: boolean;
  /** The language of what is typed in the field (a translation), when it is not the page's. */
  valueLang?: string;
}

function Label({ htmlFor, label, optional, isPageHeading }: { htmlFor: string; label: ReactNode; optional?: boolean; isPageHeading?: boolean }) {
  const text = <LabelText label={label} optional={optional} />;
  if (isPageHeading) {
    return (
      <h1 className="govuk-label-wrapper">
        <label className="govuk-label govuk-label--l" htmlFor={htmlFor}>
          {text}
        </label>
      </h1>
    );
  }
  return (
    <label className="govuk-label" htmlFor={htmlFor}>
      {text}
    </label>
  );
}

export function TextInput({
  name,
  id = name,
  label,
  hint,
  error,
  optional,
  isPageHeading,
  type = "text",
  defaultValue,
  autoComplete,
  spellCheck,
  inputMode,
  width,
  valueLang,
}: BaseFieldProps & {
  type?: "text" | "email" | "password" | "tel" | "url" | "number";
  defaultValue?: string;
  autoComplete?: string;
  spellCheck?: boolean;
  inputMode?: "text" | "numeric" | "decimal" | "email" | "tel" | "url";
  width?: "2" | "3" | "4" | "5" | "10" | "20" | "30";
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <Label htmlFor={id} label={label} optional={optional} isPageHeading={isPageHeading} />
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId!} message={error} /> : null}
      <input
        className={cx("govuk-input", width && `govuk-input--width-${width}`, error && "govuk-input--error")}
        id={id}
        name={name}
        type={type}
        defaultValue={defaultValue}
        autoComplete={autoComplete}
        spellCheck={spellCheck}
        inputMode={inputMode}
        lang={valueLang}
        dir={valueLang ? directionOf(valueLang) : undefined}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

/**
 * The GOV.UK date input: day, month and year fields in a fieldset (not `type=date`, which shows
 * mm/dd/yyyy to a UK officer in some browsers). `defaultValue` is `yyyy-mm-dd` (or the parts as
 * typed, joined with "-"); the server joins the parts again (utils/forms.ts datePartsValue).
 */
export function DateInput({ name, id = name, label, hint, error, optional, defaultValue }: BaseFieldProps & { defaultValue?: string }) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const [year = "", month = "", day = ""] = (defaultValue ?? "").split("-");
  const shown = (v: string) => (/^\d+$/.test(v) ? String(Number(v)) : v);
  const parts = [
    { part: "day", value: shown(day), width: "2" },
    { part: "month", value: shown(month), width: "2" },
    { part: "year", value: year, width: "4" },
  ] as const;
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy(hintId, errorId)}>
        <legend className="govuk-fieldset__legend">
          <LabelText label={label} optional={optional} />
        </legend>
        {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={errorId!} message={error} /> : null}
        <div className="govuk-date-input" id={`${id}-date`}>
          {parts.map(({ part, value, width }, i) => (
            <div className="govuk-date-input__item" key={part}>
              <div className="govuk-form-group">
                <label className="govuk-label govuk-date-input__label" htmlFor={i === 0 ? id : `${id}-${part}`}>
                  {t(`date.${part}`)}
                </label>
                <input
                  className={cx("govuk-input govuk-date-input__input", `govuk-input--width-${width}`, error && "govuk-input--error")}
                  id={i === 0 ? id : `${id}-${part}`}
                  name={`${name}-${part}`}
                  type="text"
                  inputMode="numeric"
                  defaultValue={value}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function Textarea({
  name,
  id = name,
  label,
  hint,
  error,
  optional,
  isPageHeading,
  defaultValue,
  rows = 5,
  maxLength,
  valueLang,
}: BaseFieldProps & { defaultValue?: string; rows?: number; maxLength?: number }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <Label htmlFor={id} label={label} optional={optional} isPageHeading={isPageHeading} />
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId!} message={error} /> : null}
      <textarea
        className={cx("govuk-textarea", error && "govuk-textarea--error")}
        id={id}
        name={name}
        rows={rows}
        defaultValue={defaultValue}
        maxLength={maxLength}
        lang={valueLang}
        dir={valueLang ? directionOf(valueLang) : undefined}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

export interface ChoiceItem {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  lang?: string;
}

function Fieldset({
  legend,
  isPageHeading,
  optional,
  describedBy: describedByIds,
  children,
}: {
  legend: ReactNode;
  isPageHeading?: boolean;
  optional?: boolean;
  describedBy?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className="govuk-fieldset" aria-describedby={describedByIds}>
      <legend className={cx("govuk-fieldset__legend", isPageHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--m")}>
        {isPageHeading ? (
          <h1 className="govuk-fieldset__heading">
            <LabelText label={legend} optional={optional} />
          </h1>
        ) : (
          <LabelText label={legend} optional={optional} />
        )}
      </legend>
      {children}
    </fieldset>
  );
}

function ChoiceGroup({
  kind,
  name,
  id = name,
  legend,
  hint,
  error,
  optional,
  isPageHeading,
  items,
  selected,
  inline,
  small,
}: Omit<BaseFieldProps, "label"> & {
  kind: "radios" | "checkboxes";
  legend: ReactNode;
  items: ChoiceItem[];
  selected: string[];
  inline?: boolean;
  small?: boolean;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const type = kind === "radios" ? "radio" : "checkbox";
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <Fieldset legend={legend} isPageHeading={isPageHeading} optional={optional} describedBy={describedBy(hintId, errorId)}>
        {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
        {error ? <ErrorMessage id={errorId!} message={error} /> : null}
        <div className={cx(`govuk-${kind}`, inline && `govuk-${kind}--inline`, small && `govuk-${kind}--small`)}>
          {items.map((item, index) => {
            // The first option carries the group's id so the error summary can link to it.
            const itemId = index === 0 ? id : `${id}-${index + 1}`;
            const itemHintId = item.hint ? `${itemId}-item-hint` : undefined;
            return (
              <div className={`govuk-${kind}__item`} key={item.value}>
                <input
                  className={`govuk-${kind}__input`}
                  id={itemId}
                  name={name}
                  type={type}
                  value={item.value}
                  defaultChecked={selected.includes(item.value)}
                  aria-describedby={itemHintId}
                />
                <label className={`govuk-label govuk-${kind}__label`} htmlFor={itemId} lang={item.lang}>
                  {item.label}
                </label>
                {item.hint ? (
                  <div id={itemHintId} className={`govuk-hint govuk-${kind}__hint`}>
                    {item.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}

type ChoiceProps = Omit<BaseFieldProps, "label"> & { legend: ReactNode; items: ChoiceItem[]; inline?: boolean; small?: boolean };

export function Radios({ defaultValue, ...props }: ChoiceProps & { defaultValue?: string }) {
  return <ChoiceGroup kind="radios" selected={defaultValue ? [defaultValue] : []} {...props} />;
}

export function Checkboxes({ defaultValues = [], ...props }: ChoiceProps & { defaultValues?: string[] }) {
  return <ChoiceGroup kind="checkboxes" selected={defaultValues} {...props} />;
}

/** GOV.UK file upload: label, hint and error tied to the input; works without JavaScript. */
export function FileUpload({ name, id = name, label, hint, error, accept }: Omit<BaseFieldProps, "optional" | "isPageHeading"> & { accept?: string }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <Label htmlFor={id} label={label} />
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId!} message={error} /> : null}
      <input
        className={cx("govuk-file-upload", error && "govuk-file-upload--error")}
        id={id}
        name={name}
        type="file"
        accept={accept}
        aria-describedby={describedBy(hintId, errorId)}
      />
    </div>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

/** GOV.UK select: for long lists where radios would not fit (use radios when you can). */
export function Select({
  name,
  id = name,
  label,
  hint,
  error,
  optional,
  options,
  defaultValue,
}: BaseFieldProps & { options: SelectOption[]; defaultValue?: string }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={cx("govuk-form-group", error && "govuk-form-group--error")}>
      <Label htmlFor={id} label={label} optional={optional} />
      {hint ? <Hint id={hintId!}>{hint}</Hint> : null}
      {error ? <ErrorMessage id={errorId!} message={error} /> : null}
      <select
        className={cx("govuk-select", error && "govuk-select--error")}
        id={id}
        name={name}
        defaultValue={defaultValue}
        aria-describedby={describedBy(hintId, errorId)}
        aria-invalid={error ? true : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
