import { packageInfo } from '../package-info';

/** Where the package's repository is, when package.json does not say. */
const DEFAULT_REPOSITORY = 'https://github.com/okta-log-streaming/okta-log-streaming.git';

/** The repository as an https clone address (package.json's `git+https://…` form without `git+`). */
export function repositoryUrl(): string {
  const repository = packageInfo().repository;
  const url = typeof repository === 'string' ? repository : (repository?.url ?? DEFAULT_REPOSITORY);
  return url.replace(/^git\+/, '');
}

/**
 * The source address a team writes to use a published module at this version: Terraform's git
 * source with a subdirectory (`//`) and a tag (`?ref=`); the tag is the package version.
 */
export function moduleSource(module: string, version = packageInfo().version): string {
  return `git::${repositoryUrl()}//terraform/${module}?ref=v${version}`;
}
