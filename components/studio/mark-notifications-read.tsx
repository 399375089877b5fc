"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";
import { markNotificationsReadAction } from "@/lib/actions/reports";

/** Marks the person's notices read once the page showing them has been seen, then refreshes the badge. */
export function MarkNotificationsRead() {
  const router = useRouter();
  useEffect(() => {
    void markNotificationsReadAction().then(() => router.refresh());
  }, [router]);
  return null;
}
