import type { Metadata } from "next";
import { redirect } from "next/navigation";
import Link from "next/link";
import { getSessionUser } from "@/lib/auth/session";
import { sameOriginPath } from "@/lib/auth/redirect";
import { siteUrl } from "@/lib/public/site-url";
import { messages } from "@/lib/i18n";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: messages.auth.title };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getSessionUser()) redirect("/studio");
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an open redirect would let a link send people elsewhere after sign-in.
  const next = sameOriginPath(callbackUrl, siteUrl());
  return (
    <main className="flex min-h-screen items-center justify-center bg-paper px-4">
      <div className="w-full max-w-sm">
        <Link href="/" className="mb-6 block text-center text-2xl font-bold text-brand" style={{ fontFamily: "var(--font-serif)" }}>
          {messages.site.name}
        </Link>
        <div className="rounded-lg border border-rule bg-white p-6 shadow-sm">
          <h1 className="mb-5 text-lg font-bold">{messages.auth.title}</h1>
          <SignInForm callbackUrl={next} />
        </div>
      </div>
    </main>
  );
}
