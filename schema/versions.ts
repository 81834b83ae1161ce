/**
 * The config's `versions` section: a team narrows the Terraform and provider versions its stacks
 * admit (e.g. to the exact versions in its lock files). Only narrowing: a constraint that admits a
 * version the package does not is refused with the reason.
 */
import { z } from 'zod';
import { admittedConstraint, checkNarrowing, VersionedName } from './provider-versions';
import { strictObject } from './rules';

function constraint(name: VersionedName, what: string) {
  return z
    .string({ error: `must be a string: a Terraform version constraint within "${admittedConstraint(name)}"` })
    .superRefine((value, context) => {
      const problem = checkNarrowing(name, value);
      if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
    })
    .optional()
    .describe(`${what} version constraint, within "${admittedConstraint(name)}" (the default), e.g. an exact version from your lock file.`);
}

export const versionsSchema = strictObject({
  terraform: constraint('terraform', 'Terraform (required_version)'),
  okta: constraint('okta', 'okta/okta provider'),
  aws: constraint('aws', 'hashicorp/aws provider'),
  time: constraint('time', 'hashicorp/time provider'),
})
  .default({})
  .describe('Narrower Terraform and provider version constraints for every stack. Default: the ranges the package admits.');

export type VersionsConfig = z.output<typeof versionsSchema>;
