// Runs once, on the first start of an empty data volume (official mongo image, /docker-entrypoint-initdb.d).
// Creates the role the bot connects with: documents of the points ledger and of help-case history can only be read
// and inserted (no update, no delete — for every client that logs in as this user, mongosh and Compass included);
// every other collection of the bot is read-write. Schema actions (create collections, build indexes) let the bot
// run its own index migrations at start. Dumps, restores and repairs use the root user (MONGODB_ADMIN_URI).
const fs = require('fs');
const role = JSON.parse(fs.readFileSync('/docker-entrypoint-initdb.d/zhibu-app-role.json', 'utf8'));
const password = process.env.ZHIBU_DB_PASSWORD;
if (!password) throw new Error('ZHIBU_DB_PASSWORD is not set: put it in docker/.env (see docker/.env.example)');
const zhibu = db.getSiblingDB('zhibu');
zhibu.createRole(role);
zhibu.createUser({ user: 'zhibu', pwd: password, roles: [{ role: role.role, db: 'zhibu' }] });
