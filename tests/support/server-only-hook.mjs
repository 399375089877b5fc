// `node --import` this to run server code outside Next (a child process of a test): the
// `server-only` guard resolves to an empty module, as vitest's alias does inside the runner.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      "export async function resolve(specifier, context, next) {" +
        " if (specifier === 'server-only') return { url: 'data:text/javascript,', shortCircuit: true };" +
        " return next(specifier, context); }",
    ),
);
