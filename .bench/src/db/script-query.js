import pg from 'pg';
/**
 * node-postgres' Query, counting the CommandComplete messages of a multi-statement simple query: when a
 * statement fails, the count says which one it was, without a round trip per statement.
 */
class CountingQuery extends pg.Query {
    completed = 0;
    handleCommandComplete(msg, connection) {
        this.completed++;
        pg.Query.prototype.handleCommandComplete.call(this, msg, connection);
    }
}
/** Sends several statements as one simple query (one round trip). On failure the error carries `completed`. */
export function runScript(client, text) {
    return new Promise((resolve, reject) => {
        const query = new CountingQuery(text, undefined, (err) => {
            if (err)
                reject(Object.assign(err, { completed: query.completed }));
            else
                resolve();
        });
        client.query(query);
    });
}
