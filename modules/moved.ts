import { TerraformElement, TerraformResource, TerraformStack } from 'cdktf';
// cdktf's own naming of resources in a stack (TerraformStack.allocateLogicalId): the only way to
// know the address a resource had under another construct id without building it there.
import { makeUniqueId } from 'cdktf/lib/private/unique';
import { Construct, IConstruct } from 'constructs';

/** One Terraform `moved` block: the object in state at `from` is now `to`. */
export interface Move {
  /** The address the object had, e.g. `aws_sqs_queue.Bronto_DeadLetterQueue_Queue_1A2B3C4D`. */
  readonly from: string;
  /** The address it has now (or the next step of a chain of moves). */
  readonly to: string;
}

/**
 * Terraform `moved` blocks, in the configuration as written (a resource's own `moveFromId` holds
 * one move; a chain or a module's renamed resource needs blocks of their own). Terraform follows
 * them at plan ("# aws_x.old has moved to aws_x.new") instead of destroying and creating.
 */
export class MovedBlocks extends TerraformElement {
  /**
   * @param moves the moves, or a function that gives them at synthesis (when every resource they
   *   name exists)
   */
  constructor(
    scope: Construct,
    id: string,
    private readonly moves: readonly Move[] | (() => readonly Move[]),
  ) {
    super(scope, id);
  }

  private list(): readonly Move[] {
    return typeof this.moves === 'function' ? this.moves() : this.moves;
  }

  toTerraform(): Record<string, unknown> {
    const moves = this.list();
    return moves.length === 0 ? {} : { moved: moves.map(({ from, to }) => ({ from, to })) };
  }

  toHclTerraform(): Record<string, unknown> {
    const reference = (value: string) => ({ value, isBlock: false, type: 'simple', storageClassType: 'reference' });
    const moves = this.list();
    return moves.length === 0 ? {} : { moved: moves.map(({ from, to }) => ({ from: reference(from), to: reference(to) })) };
  }
}

/**
 * Keeps state across renames of a construct id (ids are a contract: cdktf hashes the construct path
 * into every resource address below it). Call it where the construct is created, listing the ids it
 * had before, oldest first: every resource at or under it gets `moved` blocks from each former
 * address to the next, ending at the one it has now (`renamedFrom(queue, 'Queue')`;
 * `renamedFrom(queue, 'Queue', 'Dlq')` after a second rename). The blocks are worked out at
 * synthesis, in each stack the construct is in (its paths, and so its addresses, differ per stack),
 * and only where the stack names resources by cdktf's hashed scheme: the published modules name them
 * from a table by construct path (cli/terraform-modules/resource-names.ts), where a rename changes
 * the table's key, not the name.
 */
export function renamedFrom(construct: IConstruct, ...previousIds: string[]): void {
  const currentId = construct.node.id;
  if (previousIds.length === 0) throw new Error(`renamedFrom(${construct.node.path}): give the construct's former ids, oldest first`);
  if (previousIds.includes(currentId)) throw new Error(`renamedFrom(${construct.node.path}): "${currentId}" is its id now, not a former one`);
  if (new Set(previousIds).size !== previousIds.length) throw new Error(`renamedFrom(${construct.node.path}): a former id is listed twice (${previousIds.join(', ')})`);
  const stack = TerraformStack.of(construct);
  if (construct === stack) throw new Error(`renamedFrom(${construct.node.path}): a stack's id is its state's name; it cannot be moved within the stack`);
  const ids = [...previousIds, currentId];
  new MovedBlocks(construct, 'RenamedFrom', () =>
    construct.node
      .findAll()
      .filter((c): c is TerraformResource => c instanceof TerraformResource)
      .flatMap((resource) => {
        const path = resource.node.scopes.slice(resource.node.scopes.indexOf(stack) + 1).map((c) => c.node.id);
        // The position of the renamed construct in the resource's path within the stack.
        const at = resource.node.scopes.indexOf(construct) - resource.node.scopes.indexOf(stack) - 1;
        const address = (id: string) => `${resource.terraformResourceType}.${makeUniqueId(path.map((part, i) => (i === at ? id : part)))}`;
        // A stack with names of its own (a module's table, an overridden logical id): nothing moved.
        if (address(currentId) !== `${resource.terraformResourceType}.${resource.friendlyUniqueId}`) return [];
        return ids.slice(0, -1).map((id, i) => ({ from: address(id), to: address(ids[i + 1]) }));
      }),
  );
}
