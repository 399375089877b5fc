import Link from "next/link";
import { messages } from "@/lib/i18n";

export function NotFoundMessage() {
  return (
    <div className="py-16 text-center">
      <h1 className="text-2xl font-bold">{messages.public.notFoundTitle}</h1>
      <p className="mt-3 text-muted">{messages.public.notFoundBody}</p>
      <Link href="/" className="mt-6 inline-block text-brand underline">
        {messages.public.backHome}
      </Link>
    </div>
  );
}
