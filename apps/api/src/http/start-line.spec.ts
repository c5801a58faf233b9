import { startLine } from './start-line';

describe('the start line', () => {
  it('says where the API and GraphiQL are and how to stop', () =>
    expect(startLine({ HOST: '0.0.0.0', GRAPHIQL: true }, 3000)).toBe(
      'Rolebook API listening on http://localhost:3000 — GraphQL and GraphiQL at http://localhost:3000/graphql, Ctrl-C to stop',
    ));
  it('says GraphiQL is off when it is (production), and how to turn it on', () =>
    expect(startLine({ HOST: '0.0.0.0', GRAPHIQL: false }, 8080)).toBe(
      'Rolebook API listening on http://localhost:8080 — GraphQL at http://localhost:8080/graphql (GraphiQL off: GRAPHIQL=true serves it), Ctrl-C to stop',
    ));
  it('names the interface it listens on when that is not every interface or loopback', () => {
    expect(startLine({ HOST: '10.0.0.5', GRAPHIQL: true }, 3000)).toMatch(/^Rolebook API listening on http:\/\/10\.0\.0\.5:3000 /);
    expect(startLine({ HOST: 'fd00::5', GRAPHIQL: true }, 3000)).toMatch(/^Rolebook API listening on http:\/\/\[fd00::5\]:3000 /);
  });
});
