// Rule files are checked field by field: every problem is named with its line, nothing half-read comes back.
import { describe, expect, it } from 'vitest';
import { parseRuleFile } from '../../../mail-worker/rules/load.js';

const invalid = (text: string) => {
  try {
    parseRuleFile(text, 'rules.yaml');
  } catch (err) {
    return { code: (err as { code: string }).code, message: (err as Error).message };
  }
  throw new Error('expected the file to be refused');
};

describe('rule files', () => {
  it('reads conditions and actions into the domain shape', () => {
    const rules = parseRuleFile([
      'rules:',
      '  - name: VPCP',
      '    mailboxes: [vanphong]',
      '    when: { all: [ { fromDomain: { equals: chinhphu.gov.vn } }, { not: { subject: { matches: "^re:" } } }, { attachment: { kind: pdf } }, { body: { exists: true } } ] }',
      '    then: [ { assign: { unit: Văn phòng } }, { due: { workingHours: 2 } }, { stop: true } ]',
    ].join('\n'), 'rules.yaml');
    expect(rules).toEqual([{
      name: 'VPCP', enabled: true, mailboxes: ['vanphong'],
      when: { all: [
        { field: 'fromDomain', op: 'equals', value: 'chinhphu.gov.vn' }, { not: { field: 'subject', op: 'matches', value: '^re:' } },
        { attachment: { kind: 'pdf' } }, { field: 'body', op: 'exists' },
      ] },
      then: [{ assign: { unit: 'Văn phòng' } }, { due: { workingHours: 2 } }, { stop: true }],
    }]);
  });

  it('accepts the same rules as JSON', () => {
    const rules = parseRuleFile(JSON.stringify({ rules: [{ name: 'a', when: { category: { equals: 'report' } }, then: [{ acknowledge: true }] }] }), 'rules.json');
    expect(rules[0]).toMatchObject({ name: 'a', enabled: true });
  });

  it.each([
    ['an unknown field', 'rules:\n  - name: a\n    colour: red\n    when: { subject: { exists: true } }\n    then: [{ stop: true }]', /rules\.yaml:3: unknown key rules\[0\]\.colour; a rule takes name, enabled, mailboxes, when and then/],
    ['an unknown action', 'rules:\n  - name: a\n    when: { subject: { exists: true } }\n    then:\n      - teleport: { to: mars }', /rules\.yaml:5: rules\[0\]\.then\[0\]: expected one action: assign, due, notify/],
    ['a bad regular expression', 'rules:\n  - name: a\n    when:\n      subject: { matches: "([a-" }\n    then: [{ stop: true }]', /rules\.yaml:4: rules\[0\]\.when\.subject\.matches: not a valid regular expression/],
    ['a wrong type', 'rules:\n  - name: a\n    enabled: "yes"\n    when: { subject: { exists: true } }\n    then: [{ stop: true }]', /rules\.yaml:3: rules\[0\]\.enabled: expected true or false/],
    ['an unknown operator', 'rules:\n  - name: a\n    when: { subject: { resembles: x } }\n    then: [{ stop: true }]', /rules\.yaml:3: unknown key rules\[0\]\.when\.subject\.resembles; a field condition takes one operator: contains, equals/],
    ['two rules with one name', 'rules:\n  - name: a\n    when: { subject: { exists: true } }\n    then: [{ stop: true }]\n  - name: a\n    when: { subject: { exists: true } }\n    then: [{ stop: true }]', /rules\.yaml:5: rules\[1\]\.name: "a" is used twice/],
    ['broken YAML', 'rules:\n  - name: [a\n', /rules\.yaml:\d+: not valid YAML/],
  ])('refuses %s, naming line and field', (_what, text, message) => {
    const error = invalid(text);
    expect(error.code).toBe('E_RULE_INVALID');
    expect(error.message).toMatch(message);
  });
});
