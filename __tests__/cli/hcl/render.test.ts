import { renderHcl } from '../../../cli/hcl/render';

describe('renderHcl', () => {
  test('references in depends_on, provider and lifecycle.ignore_changes are written bare, not quoted', () => {
    const hcl = renderHcl(
      {
        resource: {
          aws_cloudwatch_event_bus: {
            bus: {
              name: 'b',
              depends_on: ['okta_log_stream.s', '${time_sleep.w}'],
              provider: 'aws.east',
              lifecycle: { ignore_changes: ['event_source_name'], prevent_destroy: true, replace_triggered_by: ['${time_sleep.w.id}'] },
            },
          },
        },
      },
      new Set(),
    );
    expect(hcl).toContain('depends_on = [okta_log_stream.s, time_sleep.w]');
    expect(hcl).toContain('provider = aws.east');
    expect(hcl).toContain('ignore_changes = [event_source_name]');
    expect(hcl).toContain('replace_triggered_by = [time_sleep.w.id]');
    expect(hcl).not.toMatch(/= \["/);
  });

  test('dynamic blocks: a labelled dynamic block with for_each, iterator and a content block whose nested blocks keep their paths', () => {
    const hcl = renderHcl(
      {
        resource: {
          aws_x: {
            r: {
              rule: [{ id: 'a', dynamic: { transition: { for_each: '${var.t == null ? [] : [var.t]}', iterator: 'each_t', content: { days: '${each_t.value}', tags: { a: 'b' }, filter: { prefix: '' } } } } }],
            },
          },
        },
      },
      new Set(['resource.aws_x.r.rule', 'resource.aws_x.r.rule.transition.filter']),
    );
    // Values are indented by terraform fmt, which every writer runs.
    expect(hcl).toContain(
      'rule {\n    id = "a"\n    dynamic "transition" {\n      for_each = var.t == null ? [] : [var.t]\n      iterator = each_t\n      content {\n        days = each_t.value\n        tags = {\n        a = "b"\n        }\n        filter {\n          prefix = ""\n        }\n      }\n    }\n  }',
    );
  });

  test('precondition and postcondition are blocks, with bare conditions', () => {
    const hcl = renderHcl(
      { resource: { t: { r: { lifecycle: { precondition: [{ condition: '${var.x > 1}', error_message: 'Too small.' }] } } } }, output: { o: { value: '${t.r.id}', precondition: [{ condition: '${true}', error_message: 'x.' }] } } },
      new Set(),
    );
    expect(hcl).toContain('precondition {\n      condition = var.x > 1\n      error_message = "Too small."\n    }');
    expect(hcl).toContain('output "o" {\n  value = t.r.id\n  precondition {');
  });

  test('attributes the bindings mark as blocks become blocks, lists of them repeated; the rest stay attributes', () => {
    const hcl = renderHcl(
      {
        resource: {
          aws_cloudwatch_event_connection: {
            c: { auth_parameters: { oauth: { oauth_http_parameters: { body: [{ key: 'a' }, { key: 'b' }] } } }, tags: { Team: 'x' } },
          },
        },
      },
      new Set([
        'resource.aws_cloudwatch_event_connection.c.auth_parameters',
        'resource.aws_cloudwatch_event_connection.c.auth_parameters.oauth',
        'resource.aws_cloudwatch_event_connection.c.auth_parameters.oauth.oauth_http_parameters',
        'resource.aws_cloudwatch_event_connection.c.auth_parameters.oauth.oauth_http_parameters.body',
      ]),
    );
    expect(hcl).toContain('body {\n          key = "a"\n        }\n        body {\n          key = "b"\n        }');
    expect(hcl).toContain('tags = {\nTeam = "x"\n}'.replace(/\n/g, '\n  '));
  });

  test('variables: bare type, validation blocks', () => {
    const hcl = renderHcl({ variable: { k: { type: 'string', sensitive: true, validation: [{ condition: '${length(var.k) > 0}', error_message: 'Set it.' }] } } }, new Set());
    expect(hcl).toBe('variable "k" {\n  type = string\n  sensitive = true\n  validation {\n    condition = length(var.k) > 0\n    error_message = "Set it."\n  }\n}\n');
  });

  test('the terraform block: required providers as attributes, labelled backend, cloud with workspaces', () => {
    const hcl = renderHcl(
      {
        terraform: {
          required_providers: { aws: { source: 'aws', version: '6.25.0' } },
          backend: { s3: { bucket: 'b', use_lockfile: true } },
          cloud: { organization: 'acme', workspaces: { name: 'okta' } },
        },
      },
      new Set(),
    );
    expect(hcl).toContain('required_providers {\n    aws = {\n    source = "aws"\n    version = "6.25.0"\n    }\n  }');
    expect(hcl).toContain('backend "s3" {\n    bucket = "b"\n    use_lockfile = true\n  }');
    expect(hcl).toContain('cloud {\n    organization = "acme"\n    workspaces {\n      name = "okta"\n    }\n  }');
  });

  test('import and moved blocks take bare addresses', () => {
    const hcl = renderHcl({ import: [{ to: 'okta_log_stream.s', id: '0oa123' }], moved: [{ from: 'a.b', to: 'a.c' }] }, new Set());
    expect(hcl).toBe('import {\n  to = okta_log_stream.s\n  id = "0oa123"\n}\n\nmoved {\n  from = a.b\n  to = a.c\n}\n');
  });
  test('removed blocks take a bare address and a lifecycle block', () => {
    const hcl = renderHcl({ removed: [{ from: 'aws_kms_key_policy.p', lifecycle: { destroy: false } }] }, new Set());
    expect(hcl).toBe('removed {\n  from = aws_kms_key_policy.p\n  lifecycle {\n    destroy = false\n  }\n}\n');
  });


  test('object keys that are not identifiers are quoted', () => {
    expect(renderHcl({ locals: { m: { 'aws:key': 1, 'x-ok': 2 } } }, new Set())).toContain('"aws:key" = 1\nx-ok = 2'.replace(/\n/g, '\n  '));
  });

  test('refuses a top-level section it does not know rather than dropping it', () => {
    expect(() => renderHcl({ check: {} }, new Set())).toThrow('no rendering for top-level "check"');
  });
});
