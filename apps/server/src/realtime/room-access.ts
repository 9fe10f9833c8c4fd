import type { ServerFrameType } from '@parley/contract';
import type { StaffPrincipal } from '../principal.ts';
import type { Access, FrameRule, Reader, RoomAuthorizer } from './replay-access.ts';

/**
 * For a kind of frame that may change who may hear a room (a chat changing hands): `room` names
 * the room whose members are asked again, `key` what their access depends on. Members are asked
 * only when the key differs from the one last seen for that room, since most updates change
 * nothing about access.
 */
export type AccessChange = (data: unknown) => { room: string; key: string } | undefined;

/** Beyond this many rooms the memory of last keys starts over (every room is then asked once). */
const MAX_REMEMBERED_KEYS = 50_000;

export type RoomAccess = ReturnType<typeof createRoomAccess>;

/**
 * What the hub knows about access, all of it registered by the features: who may join a room of
 * a prefix, which kinds of frame carry a rule of their own, and which frames change access. The
 * hub itself knows no feature's rules.
 */
export function createRoomAccess() {
  const rooms = new Map<string, RoomAuthorizer>();
  const frames = new Map<string, FrameRule>();
  const changes = new Map<string, AccessChange>();
  const access: Access = { rooms, frames };
  /** The access key each room had at the last change seen here. */
  const lastKeys = new Map<string, string>();

  /** Whether this principal may be in a room such as `chat:<id>`; rooms without an authoriser, no. */
  async function authorize(principal: StaffPrincipal | undefined, room: string): Promise<boolean> {
    const [prefix, id] = room.split(':', 2) as [string, string | undefined];
    const authorizer = id ? rooms.get(prefix) : undefined;
    return !!principal && !!authorizer && !!id && (await authorizer(principal, id));
  }

  /**
   * A frame that changes access: whoever holds its room is asked again before the frame itself is
   * delivered, so a former agent stops hearing that chat at once.
   */
  async function recheck(row: { type: string; data: unknown }, readers: Iterable<Reader>) {
    const change = changes.get(row.type)?.(row.data);
    if (!change) return;
    const previous = lastKeys.get(change.room);
    if (lastKeys.size > MAX_REMEMBERED_KEYS) lastKeys.clear();
    lastKeys.set(change.room, change.key);
    if (previous === change.key) return;
    for (const reader of readers) {
      if (!reader.rooms.has(change.room)) continue;
      if (!(await authorize(reader.principal, change.room))) reader.rooms.delete(change.room);
    }
  }

  return {
    access,
    authorize,
    recheck,
    hasFrameRule: (type: string) => frames.has(type),
    registerRoom(prefix: string, authorizer: RoomAuthorizer) {
      rooms.set(prefix, authorizer);
    },
    /** A kind of frame that only some of its rooms' members may read; asked live and on replay. */
    registerFrame(type: ServerFrameType, rule: FrameRule) {
      frames.set(type, rule);
    },
    /** A kind of frame after which its room's members are asked again (see AccessChange). */
    registerAccessChange(type: ServerFrameType, change: AccessChange) {
      changes.set(type, change);
    },
  };
}
