// The files IT deploys (it/): the Group Policy template (ADMX and its en-US ADML) and the
// example macOS configuration profile. Parsed as XML by Chromium's own parser (a malformed
// file is refused as Windows' Group Policy editor and macOS would refuse it), and checked to
// set every key of the managed settings' schema, under the names the app reads.
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { policySchema, readPolicyValue, withoutProfileKeys } from '../../main/core/settings/managed-policy';
import { launchChromium } from '../harness/chromium';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Every key of the schema, nested ones as `autoUpdate.url`. */
function schemaKeys(): string[] {
  const keys: string[] = [];
  for (const [key, entry] of Object.entries(policySchema.entries)) {
    const wrapped = (entry as { wrapped: { type: string; entries?: Record<string, unknown>; options?: { entries: Record<string, unknown> }[] } }).wrapped;
    if (wrapped.type === 'variant') for (const option of wrapped.options ?? []) for (const nested of Object.keys(option.entries)) keys.push(`${key}.${nested}`);
    else if (wrapped.entries !== undefined) for (const nested of Object.keys(wrapped.entries)) keys.push(`${key}.${nested}`);
    else keys.push(key);
  }
  return [...new Set(keys)].sort();
}

/** What the readers use of the DOM, which this project's Node typings do not declare: they run in Chromium. */
interface XmlElement {
  localName: string;
  namespaceURI: string | null;
  textContent: string | null;
  children: ArrayLike<XmlElement> & Iterable<XmlElement>;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>;
}
interface XmlDocument {
  documentElement: XmlElement;
  getElementsByTagName(name: string): ArrayLike<XmlElement> & Iterable<XmlElement>;
}

interface AdmxPolicy {
  name: string;
  key: string;
  valueName: string | null;
  strings: string[];
  presentation: string | null;
  elements: { tag: string; id: string; key: string | null; valueName: string | null }[];
}

/** The document as Chromium's XML parser reads it, or its parse error. */
async function parsed<T>(file: string, read: (document: XmlDocument) => T): Promise<T> {
  const text = await readFile(file, 'utf8');
  return page.evaluate(
    ([source, reader]) => {
      const { DOMParser } = globalThis as unknown as { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } };
      const document = new DOMParser().parseFromString(source, 'application/xml');
      const error = document.getElementsByTagName('parsererror')[0];
      if (error !== undefined) throw new Error(`not well-formed XML: ${error.textContent ?? ''}`);
      return (new Function('document', `return (${reader})(document)`) as (document: XmlDocument) => T)(document);
    },
    [text, read.toString()] as const,
  );
}

describe('the Group Policy template', () => {
  const readAdmx = (document: XmlDocument) => ({
    root: document.documentElement.localName,
    namespace: document.documentElement.namespaceURI,
    categories: [...document.getElementsByTagName('category')].map((category) => category.getAttribute('name')),
    policies: [...document.getElementsByTagName('policy')].map((policy) => ({
      name: policy.getAttribute('name') ?? '',
      key: policy.getAttribute('key') ?? '',
      valueName: policy.getAttribute('valueName'),
      strings: [policy.getAttribute('displayName'), policy.getAttribute('explainText'), ...[...policy.getElementsByTagName('item')].map((item) => item.getAttribute('displayName'))]
        .filter((reference): reference is string => reference !== null)
        .map((reference) => /^\$\(string\.(.+)\)$/.exec(reference)?.[1] ?? `not a string reference: ${reference}`),
      presentation: /^\$\(presentation\.(.+)\)$/.exec(policy.getAttribute('presentation') ?? '')?.[1] ?? null,
      elements: [...(policy.getElementsByTagName('elements')[0]?.children ?? [])].map((element) => ({
        tag: element.localName,
        id: element.getAttribute('id') ?? '',
        key: element.getAttribute('key'),
        valueName: element.getAttribute('valueName'),
      })),
    })),
  });
  const readAdml = (document: XmlDocument) => ({
    root: document.documentElement.localName,
    strings: [...document.getElementsByTagName('string')].map((string) => string.getAttribute('id')),
    presentations: Object.fromEntries(
      [...document.getElementsByTagName('presentation')].map((presentation) => [
        presentation.getAttribute('id'),
        [...presentation.children].map((control) => control.getAttribute('refId')),
      ]),
    ),
  });

  it('is well-formed ADMX and ADML, each reference of the one defined in the other', async () => {
    const admx = await parsed('it/windows/TigerDesk.admx', readAdmx);
    const adml = await parsed('it/windows/en-US/TigerDesk.adml', readAdml);
    expect([admx.root, admx.namespace, adml.root]).toEqual(['policyDefinitions', 'http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions', 'policyDefinitionResources']);
    for (const policy of admx.policies as AdmxPolicy[]) {
      expect(policy.key, policy.name).toMatch(/^Software\\Policies\\TigerDesk(\\|$)/);
      for (const id of policy.strings) expect(adml.strings, policy.name).toContain(id);
      if (policy.elements.length > 0) {
        expect(policy.presentation, policy.name).not.toBeNull();
        expect(adml.presentations[policy.presentation!], policy.name).toEqual(policy.elements.map((element) => element.id));
      }
    }
    expect(adml.strings).toContain('TigerDesk');
  });

  it('sets every managed setting, under the registry names the app reads', async () => {
    const admx = await parsed('it/windows/TigerDesk.admx', readAdmx);
    const root = 'Software\\Policies\\TigerDesk';
    const written: string[] = [];
    for (const policy of admx.policies as AdmxPolicy[]) {
      const prefix = policy.key === root ? '' : `${policy.key.slice(root.length + 1)}.`;
      if (policy.valueName !== null) written.push(`${prefix}${policy.valueName}`);
      for (const element of policy.elements) {
        // A list writes one value per entry into its own subkey, read back as the setting of that name.
        if (element.tag === 'list') written.push(element.key!.slice(root.length + 1));
        else written.push(`${prefix}${element.valueName!}`);
      }
    }
    expect(written.sort()).toEqual(schemaKeys());
  });
});

describe('the example macOS configuration profile', () => {
  /** A property list as JSON, as plutil -convert json makes it. */
  const readPlist = (document: XmlDocument): unknown => {
    const value = (element: XmlElement): unknown => {
      switch (element.localName) {
        case 'dict': {
          const entries: [string, unknown][] = [];
          const children = [...element.children];
          for (let index = 0; index < children.length; index += 2) entries.push([children[index]!.textContent ?? '', value(children[index + 1]!)]);
          return Object.fromEntries(entries);
        }
        case 'array':
          return [...element.children].map(value);
        case 'true':
          return true;
        case 'false':
          return false;
        case 'integer':
          return Number(element.textContent);
        default:
          return element.textContent;
      }
    };
    return value(document.documentElement.children[0]!);
  };

  it('is a well-formed profile whose payload for app.tigerdesk.desktop sets every managed setting, and is read as valid settings', async () => {
    const profile = (await parsed('it/macos/TigerDesk.mobileconfig', readPlist)) as { PayloadType: string; PayloadContent: Record<string, unknown>[] };
    expect(profile.PayloadType).toBe('Configuration');
    const payload = profile.PayloadContent.find((content) => content['PayloadType'] === 'app.tigerdesk.desktop');
    expect(payload).toBeDefined();
    const settings = withoutProfileKeys(payload) as Record<string, unknown>;
    const keys = Object.entries(settings).flatMap(([key, value]) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value).map((nested) => `${key}.${nested}`) : [key],
    );
    expect(keys.sort()).toEqual(schemaKeys());
    expect(readPolicyValue(settings, 'The profile')).toMatchObject({ ok: true });
  });
});
