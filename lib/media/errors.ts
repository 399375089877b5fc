/** A refused upload or media change: a Chinese message for the person and an HTTP status. */
export class MediaRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 = 422,
  ) {
    super(message);
    this.name = "MediaRefusal";
  }
}
