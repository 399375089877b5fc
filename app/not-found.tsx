import { NotFoundMessage } from "@/components/ui/not-found-message";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-5xl px-4">
      <NotFoundMessage />
    </main>
  );
}
