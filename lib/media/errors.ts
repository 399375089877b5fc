/**
 * A refused upload or media change: a Chinese message for the person and an HTTP status
 * (503 when the media store cannot be reached: nothing was stored, and the person may retry).
 */
export class MediaRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 503 = 422,
  ) {
    super(message);
    this.name = "MediaRefusal";
  }
}

/**
 * Runs a media store operation; a store that cannot be reached (the S3 server down, a wrong
 * bucket, a full disk) becomes a 503 refusal in Chinese instead of an error page, logged once.
 */
export async function withStore<T>(operation: () => Promise<T>, message: string): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof MediaRefusal) throw error;
    console.error("[media] store unavailable:", error instanceof Error ? `${error.name}: ${error.message}` : error);
    throw new MediaRefusal("store_unavailable", message, 503);
  }
}
