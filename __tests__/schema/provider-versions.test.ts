import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EVENT_SOURCE_NAME_PATTERN } from '../../modules/facts';
import { SPLUNK_HOST_PATTERN, SPLUNK_TOKEN_PATTERN } from '../../modules/okta-splunk-log-stream';
import { ADMITTED, admittedConstraint, checkNarrowing } from '../../schema/provider-versions';
import { brontoConfig } from '../helpers/config';
import { goRegex, oktaRecords } from '../helpers/provider-schemas';
import { terraformEnv } from '../helpers/terraform-fixtures';
import { expectOnlyProblem, problemsOf } from '../helpers/validation';

const major = (version: string) => Number(version.split('.')[0]);
const versionNumber = (version: string) => version.split('.').reduce((n, part) => n * 1000 + Number(part), 0);

describe('admitted ranges', () => {
  test('are ranges with one source address per provider, and Terraform >= 1.10', () => {
    expect(admittedConstraint('okta')).toBe('>= 6.6.0, < 7.0.0');
    expect(admittedConstraint('aws')).toBe('>= 6.25.0, < 7.0.0');
    expect(admittedConstraint('time')).toBe('>= 0.13.1, < 1.0.0');
    expect(admittedConstraint('terraform')).toBe('>= 1.10.0');
    expect([ADMITTED.okta.source, ADMITTED.aws.source, ADMITTED.time.source]).toEqual(['okta/okta', 'hashicorp/aws', 'hashicorp/time']);
  });

  describe('okta, against the schemas recorded from the provider source', () => {
    const records = oktaRecords();
    const { minimum, below } = ADMITTED.okta;

    test('every admitted major has a record (widening the range needs one)', () => {
      const admittedMajors: number[] = [];
      for (let m = major(minimum); m < major(below as string) || (m === major(below as string) && below !== `${m}.0.0`); m += 1) admittedMajors.push(m);
      expect(admittedMajors.filter((m) => !records.has(m))).toEqual([]);
    });

    test('the floor reads settings back and lies within what was verified', () => {
      const record = records.get(major(minimum));
      expect(record).toBeDefined();
      expect(versionNumber(minimum)).toBeGreaterThanOrEqual(versionNumber(record!.settingsReadBack.since));
      expect(versionNumber(minimum)).toBeGreaterThanOrEqual(versionNumber(record!.verified.lowest));
    });

    test('each record names the repository, a commit per tag and the files read', () => {
      for (const record of records.values()) {
        expect(record.provenance.repository).toBe('okta/terraform-provider-okta');
        const tags = Object.keys(record.provenance.tags);
        expect(tags).toEqual(expect.arrayContaining([`v${record.verified.lowest}`, `v${record.verified.highest}`]));
        for (const tag of tags) expect(record.provenance.tags[tag].commit).toMatch(/^[0-9a-f]{40}$/);
        expect(Object.values(record.provenance.files)).toContain('okta/services/idaas/resource_okta_log_stream.go');
      }
    });

    test('the package\'s patterns accept only what every recorded provider accepts', () => {
      for (const record of records.values()) {
        const settings = record.resources.okta_log_stream.blocks.settings.attributes;
        const provider = goRegex(settings.event_source_name.goRegex as string);
        for (let code = 0x20; code < 0x7f; code += 1) {
          const name = `okta${String.fromCharCode(code)}x`;
          if (EVENT_SOURCE_NAME_PATTERN.test(name)) expect({ name, provider: provider.test(name) }).toEqual({ name, provider: true });
        }
        // The provider's double-escaped class really excludes "-": the reason the package refuses it.
        expect(provider.test('okta-bronto')).toBe(false);
        // Ours is narrower: the provider's pattern less its US government forms, which Okta refuses.
        const host = goRegex(settings.host.goRegex as string);
        for (const name of ['acme.splunkcloud.com', 'a-1.splunkcloud.com', 'acme.splunkcloud.gc.com', 'acme.splunkcloud.fed.com', 'acme.splunkcloud.mil', 'acme.splunkcloudgc.com']) {
          if (SPLUNK_HOST_PATTERN.test(name)) expect({ name, provider: host.test(name) }).toEqual({ name, provider: true });
        }
        expect(SPLUNK_HOST_PATTERN.source).toBe((settings.host.goRegex as string).replace('(\\.gc\\.com|\\.fed\\.com|\\.com|\\.mil)', '\\.com'));
        expect(SPLUNK_TOKEN_PATTERN).toBe(settings.token.goRegex);
      }
    });
  });
});

describe('checkNarrowing', () => {
  test.each([
    ['okta', '6.12.0'],
    ['okta', '= 6.6.0'],
    ['okta', '~> 6.12.0'],
    ['okta', '~> 6.12'],
    ['okta', '>= 6.8.0, < 6.13.0'],
    ['okta', '>= 6.6.0, < 7.0.0, != 6.14.0'],
    ['okta', '>6.6.0,<=6.99.0'],
    ['aws', '6.40.0'],
    ['aws', '~> 6.30'],
    ['time', '0.13.1'],
    ['terraform', '~> 1.11.0'],
    ['terraform', '>= 1.10.0, < 2.0.0'],
  ] as const)('admits %s %s', (name, constraint) => expect(checkNarrowing(name, constraint)).toBeUndefined());

  test.each([
    ['okta', '4.20.0', 'admits versions below 6.6.0', 'never write a log stream\'s settings into state'],
    ['okta', '>= 6.0.0, < 7.0.0', 'below 6.6.0', 'allowed: a constraint within ">= 6.6.0, < 7.0.0"'],
    ['okta', '< 6.10.0', 'below 6.6.0'],
    ['okta', '~> 6.5', 'below 6.6.0'],
    ['okta', '> 6.5.9', 'below 6.6.0'],
    ['okta', '>= 6.6.0', 'admits 7.0.0 or later', 'not verified'],
    ['okta', '~> 6', 'below 6.6.0'],
    ['okta', 'v6.12.0', 'is not a version constraint'],
    ['okta', '>= 6.6.0, <= 7.0.0', 'admits 7.0.0 or later'],
    ['okta', '7.0.0', 'admits 7.0.0 or later'],
    ['okta', '>= 6.10.0, < 6.8.0', 'admits no version at all'],
    ['okta', '6.12.0, != 6.12.0', 'admits no version at all'],
    ['okta', '>= 6.12.0, < 6.12.0', 'admits no version at all'],
    ['okta', '6.12.0-beta1', 'pre-release'],
    ['okta', 'latest', '"latest" is not a version constraint'],
    ['okta', '>= 6.6.0 < 7', 'is not a version constraint'],
    ['aws', '6.24.0', 'below 6.25.0'],
    ['aws', '~> 7.0', 'admits 7.0.0 or later', 'hashicorp/aws 7.x'],
    ['time', '>= 0.13.1', 'admits 1.0.0 or later'],
    ['terraform', '>= 1.5.0', 'below 1.10.0', 'use_lockfile'],
    ['terraform', '~> 1.9.0', 'below 1.10.0'],
  ] as const)('refuses %s %s', (name, constraint, ...fragments) => {
    const problem = checkNarrowing(name, constraint);
    for (const fragment of fragments) expect(problem).toContain(fragment);
  });

  test('what it admits, Terraform reads as a provider version constraint too', () => {
    const accepted = ['6.12.0', '= 6.6.0', '~> 6.12.0', '~> 6.12', '>= 6.8.0, < 6.13.0', '>= 6.6.0, < 7.0.0, != 6.14.0', '>6.6.0,<=6.99.0', '>= 6.6.0, ~> 6'];
    expect(accepted.filter((c) => checkNarrowing('okta', c) !== undefined)).toEqual([]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'constraints-'));
    try {
      const requiredProviders = Object.fromEntries(accepted.map((version, i) => [`p${i}`, { source: `example/p${i}`, version }]));
      fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ terraform: { required_providers: requiredProviders } }));
      fs.writeFileSync(path.join(dir, 'terraformrc'), '');
      const run = spawnSync('terraform', ['providers', '-no-color'], { cwd: dir, env: { ...terraformEnv, TF_CLI_CONFIG_FILE: path.join(dir, 'terraformrc') }, encoding: 'utf8' });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(run.stdout.match(/provider\[registry\.terraform\.io\/example\/p\d+\]/g)).toHaveLength(accepted.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('config versions section', () => {
  test('is optional and accepts narrower constraints', () => {
    expect(problemsOf({ ...brontoConfig(), versions: { terraform: '~> 1.11.0', okta: '6.12.0', aws: '6.40.0', time: '0.13.1' } })).toEqual([]);
  });

  test('fails on every constraint the package cannot honour at once, each with its path and reason', () => {
    const problems = problemsOf({ ...brontoConfig(), versions: { okta: '4.20.0', aws: '~> 7.0' } });
    expect(problems.map((p) => p.path)).toEqual(['versions.okta', 'versions.aws']);
    expect(problems[0].message).toContain('got "4.20.0"; admits versions below 6.6.0');
    expect(problems[1].message).toContain('got "~> 7.0"; admits 7.0.0 or later');
  });

  test('fails on an unknown key and on a number', () => {
    expectOnlyProblem({ ...brontoConfig(), versions: { null: '3.0.0' } }, 'versions.null');
    expectOnlyProblem({ ...brontoConfig(), versions: { okta: 6 } }, 'versions.okta', 'must be a string');
  });
});
