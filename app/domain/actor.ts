/**
 * The signed-in member of staff a service acts for, as the guards in app/auth build it: who
 * (for the audit trail and signatures) and in which partnership (the scope of every change).
 */
export interface Actor {
  userId: number;
  displayName: string;
  partnershipId: number;
}

export function actorOf(user: { id: number; displayName: string }, partnershipId: number): Actor {
  return { userId: user.id, displayName: user.displayName, partnershipId };
}

/** Who acts, on which consultation (the consultation's partnership is the actor's). */
export interface ConsultationActor {
  actor: Actor;
  consultationId: number;
}
