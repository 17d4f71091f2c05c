// The UI kit renders GOV.UK Design System markup with the accessibility wiring
// (ids, aria-describedby, error states) that screen readers depend on.
import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { i18nOptions } from "../i18n/config";
import { BackLink, Button, NotificationBanner, SummaryList, Table } from "./components";
import { ErrorSummary } from "./ErrorSummary";
import { Checkboxes, Radios, Textarea, TextInput } from "./fields";

function render(node: ReactNode, lng = "en"): string {
  const i18n = createInstance();
  void i18n.init({ ...i18nOptions, lng });
  const router = createMemoryRouter([{ path: "/", element: node }]);
  return renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <RouterProvider router={router} />
    </I18nextProvider>,
  );
}

describe("UI kit", () => {
  it("text input: label, hint and error are tied to the input, and the typed value is kept", () => {
    const html = render(<TextInput name="email" label="Email" hint="We only use it to reply" error="Enter your email" defaultValue="a@b" />);
    expect(html).toContain('<label class="govuk-label" for="email">Email</label>');
    expect(html).toContain('id="email-hint"');
    expect(html).toContain('<p id="email-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Enter your email</p>');
    expect(html).toContain('aria-describedby="email-hint email-error"');
    expect(html).toContain('class="govuk-input govuk-input--error"');
    expect(html).toContain('value="a@b"');
    expect(html).toContain("govuk-form-group--error");
  });

  it("a label can be the page heading, and optional fields say so in the current language", () => {
    const html = render(<Textarea name="idea" label="Tell us more" optional isPageHeading />, "cy");
    expect(html).toMatch(/<h1 class="govuk-label-wrapper"><label class="govuk-label govuk-label--l" for="idea">Tell us more \(dewisol\)<\/label><\/h1>/);
    expect(html).toContain('<textarea class="govuk-textarea" id="idea" name="idea" rows="5">');
  });

  it("radios and checkboxes: a fieldset with a legend, the first option carries the field id", () => {
    const radios = render(
      <Radios
        name="role"
        legend="Role"
        error="Select a role"
        defaultValue="b"
        items={[
          { value: "a", label: "A" },
          { value: "b", label: "B", hint: "About B" },
        ]}
      />,
    );
    expect(radios).toContain('<fieldset class="govuk-fieldset" aria-describedby="role-error">');
    expect(radios).toContain('<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Role</legend>');
    expect(radios).toContain('id="role" name="role" type="radio" value="a"');
    expect(radios).toMatch(/id="role-2" name="role" type="radio" aria-describedby="role-2-item-hint" checked="" value="b"/);
    const boxes = render(
      <Checkboxes
        name="days"
        legend="Days"
        items={[
          { value: "mon", label: "Monday" },
          { value: "tue", label: "Tuesday" },
        ]}
        defaultValues={["tue"]}
      />,
    );
    expect(boxes).toContain('class="govuk-checkboxes"');
    expect(boxes).toMatch(/id="days-2" name="days" type="checkbox" checked="" value="tue"/);
  });

  it("error summary lists each error as a link to its field, and renders nothing without errors", () => {
    const html = render(<ErrorSummary errors={{ email: "Enter your email", password: undefined, role: "Select a role" }} />);
    expect(html).toContain('<h2 class="govuk-error-summary__title">There is a problem</h2>');
    expect(html).toContain('<a href="#email">Enter your email</a>');
    expect(html).toContain('<a href="#role">Select a role</a>');
    expect(html).not.toContain("#password");
    expect(html).toContain('tabindex="-1"');
    expect(render(<ErrorSummary errors={{}} />)).not.toContain("govuk-error-summary");
  });

  it("summary list with change links that name what they change, table with row headers, banner, back link, buttons", () => {
    const list = render(
      <SummaryList
        rows={[
          { key: "Name", value: "Sam", action: { to: "/name", label: "Change", visuallyHiddenText: "name" } },
          { key: "Age", value: "40" },
        ]}
      />,
    );
    expect(list).toContain('<dt class="govuk-summary-list__key">Name</dt>');
    expect(list).toContain('Change<span class="govuk-visually-hidden"> name</span>');
    expect(list).toContain("govuk-summary-list__row--no-actions");
    const table = render(<Table caption="People" head={["Name", "Score"]} rows={[["Sam", "7"]]} numericColumns={[1]} />);
    // In a focusable region named by its caption, so a wide table scrolls without the page (WCAG 1.4.10).
    expect(table).toMatch(
      /^<div class="app-table-scroll" role="region" aria-labelledby="([^"]+)" tabindex="0"[^>]*><table class="govuk-table"><caption class="govuk-table__caption govuk-table__caption--m" id="\1">People<\/caption>/,
    );
    expect(table).toContain('<th scope="row" class="govuk-table__header">Sam</th>');
    expect(table).toContain('<td class="govuk-table__cell govuk-table__cell--numeric">7</td>');
    const banner = render(
      <NotificationBanner title="Success" success>
        Done
      </NotificationBanner>,
    );
    expect(banner).toContain('role="alert"');
    expect(banner).toContain('aria-labelledby="notification-banner-title"');
    expect(render(<BackLink to="/x">Back</BackLink>)).toContain('class="govuk-back-link"');
    expect(render(<Button variant="secondary">Save</Button>)).toContain('class="govuk-button govuk-button--secondary"');
  });
});
