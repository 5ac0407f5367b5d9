// Yjs client ids bound to the connection that first wrote under them: a later connection that
// adds structs under a client id it did not start (another connection's, or one the room held
// before) is refused, so nobody can write "as" someone else's replica while it is offline and
// have that replica's own later writes dropped everywhere.
//
// A stock y-websocket client keeps its client id across reconnects, so this is only sound with
// clients that take a fresh client id for each connection; the relay enables it with
// `--bind-client-ids`.
//
//   const owners = new ClientIdOwners(); owners.admit(peer, Y.parseUpdateMeta(update).to, doc) // throws PeerRefused
import * as Y from 'yjs';
import { CLOSE, PeerRefused, type Peer } from './peer.ts';

export class ClientIdOwners {
  private readonly owners = new Map<number, Peer>();

  /**
   * Binds the client ids an update starts to `peer`; throws when it extends one `peer` does not
   * own. `to`: the clock each client reaches in the update (Y.parseUpdateMeta).
   */
  admit(peer: Peer, to: ReadonlyMap<number, number>, doc: Y.Doc): void {
    const claims: number[] = [];
    for (const [client, clock] of to) {
      const state = Y.getState(doc.store, client);
      if (clock <= state) continue; // nothing new under this id
      const owner = this.owners.get(client);
      if (owner === peer) continue;
      if (owner !== undefined || state > 0) {
        throw new PeerRefused('limit/client-id', CLOSE.clientIdTaken, 'client id belongs to another connection');
      }
      claims.push(client);
    }
    for (const client of claims) this.owners.set(client, peer);
  }
}
