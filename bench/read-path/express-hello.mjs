// The peer of bench/read-path: express 5's hello-world route, as its own
// documentation writes it (https://expressjs.com/en/starter/hello-world.html),
// in its own process. Prints `READY <url>`; exits on SIGTERM.
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.send('Hello World!');
});
const server = app.listen(0, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${server.address().port}/`));
process.on('SIGTERM', () => process.exit(0));
