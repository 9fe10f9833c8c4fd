import type { StaffPrincipal } from '../principal.ts';

/** Decides whether a principal may join a room such as `chat:<id>`; features register these. */
export type RoomAuthorizer = (principal: StaffPrincipal, id: string) => Promise<boolean>;

/**
 * For a kind of frame whose room says too little about who may read it (a comment in a chat
 * room): `scope` names what the answer depends on (the chat), `allows` answers for a reader now.
 */
export type FrameRule = {
  scope: (data: unknown) => string | undefined;
  allows: (principal: StaffPrincipal, scope: string) => Promise<boolean>;
};

export type Access = {
  rooms: ReadonlyMap<string, RoomAuthorizer>;
  frames: ReadonlyMap<string, FrameRule>;
};

export type Reader = { principal: StaffPrincipal | undefined; rooms: Set<string> };
type FrameLike = { rooms: string[]; type: string; data: unknown };

/** Whether a frame's rule (if its kind has one) lets this reader have it. */
export async function frameAllowed(
  access: Access,
  principal: StaffPrincipal | undefined,
  row: FrameLike,
  memo?: Map<string, Promise<boolean>>,
): Promise<boolean> {
  const rule = access.frames.get(row.type);
  if (!rule) return true;
  const scope = rule.scope(row.data);
  if (!principal || scope === undefined) return false;
  const key = `${row.type}|${scope}`;
  let answer = memo?.get(key);
  if (!answer) {
    answer = rule.allows(principal, scope);
    memo?.set(key, answer);
  }
  return answer;
}

/**
 * The gate of one replay. A frame kept in the table was addressed to whoever could see it then;
 * it is replayed only as live delivery would send it now: each of its rooms that the reader holds
 * is authorised again (once per replay), a room refused now is left, and the frame's own rule is
 * asked. Rooms without an authoriser (`staff:<id>`, `dept:<id>`, a widget's) come from the
 * credential itself, which the hub has just checked again.
 */
export function replayGate(access: Access, reader: Reader) {
  const rooms = new Map<string, Promise<boolean>>();
  const frames = new Map<string, Promise<boolean>>();
  const roomAllowed = (room: string): Promise<boolean> => {
    const [prefix, id] = room.split(':', 2) as [string, string | undefined];
    const authorize = id ? access.rooms.get(prefix) : undefined;
    if (!authorize) return Promise.resolve(true);
    let answer = rooms.get(room);
    if (!answer) {
      answer = reader.principal ? authorize(reader.principal, id!) : Promise.resolve(false);
      rooms.set(room, answer);
    }
    return answer;
  };
  return async (row: FrameLike): Promise<boolean> => {
    let reaches = false;
    for (const room of row.rooms) {
      if (!reader.rooms.has(room)) continue;
      if (await roomAllowed(room)) reaches = true;
      else reader.rooms.delete(room);
    }
    return reaches && (await frameAllowed(access, reader.principal, row, frames));
  };
}
