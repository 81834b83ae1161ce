import { TerraformElement, TerraformStack, Tokenization, DefaultTokenResolver, StringConcat } from 'cdktf';

/**
 * Which attributes of a stack's JSON synthesis are nested blocks. Terraform JSON does not say; the
 * provider bindings do, in the typed fragments behind cdktf's own HCL renderer. Paths are dotted,
 * without list indices: `resource.aws_cloudwatch_event_target.Bronto_Target_DB1D4951.http_target`.
 */
export function blockPaths(stack: TerraformStack): Set<string> {
  const paths = new Set<string>();
  const resolver = new DefaultTokenResolver(new StringConcat());
  for (const element of stack.node.findAll()) {
    if (!(element instanceof TerraformElement)) continue;
    const fragment = Tokenization.resolve(element.toHclTerraform(), { scope: stack, preparing: false, resolver });
    walk(fragment, '', paths);
  }
  return paths;
}

function walk(node: unknown, path: string, paths: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, path, paths);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const record = node as Record<string, unknown>;
  if ('value' in record && ('isBlock' in record || 'is_block' in record)) {
    if (record.isBlock === true || record.is_block === true) paths.add(path);
    walk(record.value, path, paths);
    return;
  }
  for (const [key, child] of Object.entries(record)) {
    if (key !== '//') walk(child, path === '' ? key : `${path}.${key}`, paths);
  }
}
