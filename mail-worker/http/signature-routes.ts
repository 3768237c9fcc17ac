// The signature routes: verify for any user, sign for the signer role (logged under the user's name).
import type { AppDeps } from './app.js';
import { actorOf, base64Field, documentBody, httpError, type Route } from './route.js';

export function signatureRoutes(deps: Pick<AppDeps, 'verify' | 'sign'>): Route[] {
  return [
    {
      method: 'post', path: '/api/verify', access: 'user',
      handler: async (req, res) => {
        const body = documentBody(req.body);
        const detached = body.signature === undefined ? null : base64Field(body.signature, 'signature');
        const result = await deps.verify(base64Field(body.content, 'content'), detached);
        res.json({ filename: body.filename ?? null, ...result });
      },
    },
    {
      method: 'post', path: '/api/sign', access: 'signer',
      handler: async (req, res) => {
        const body = documentBody(req.body);
        if (body.stamp !== undefined && typeof body.stamp !== 'boolean') throw httpError(400, 'E_BAD_REQUEST', 'stamp must be true or false');
        if (body.reason !== undefined && (typeof body.reason !== 'string' || body.reason.length > 200)) throw httpError(400, 'E_BAD_REQUEST', 'reason must be text of at most 200 characters');
        const signedBy = actorOf(res);
        const result = await deps.sign(base64Field(body.content, 'content'), signedBy, {
          stamp: body.stamp ?? true, ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
        });
        const filename = typeof body.filename === 'string' ? body.filename : 'document';
        res.json({
          kind: result.kind, filename: result.kind === 'pdf' ? filename : `${filename}.p7s`, content: result.signed.toString('base64'),
          sha256: result.sha256, signer: result.signer, signedBy,
        });
      },
    },
  ];
}
