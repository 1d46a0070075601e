import type { StaffActor, StaffSessionActor } from "@trustdesk/services";

/** The signed-in staff member as the audit log and the services name an actor. */
export const staffActor = (staff: StaffSessionActor): StaffActor => ({
  type: "staff",
  staffId: staff.staffId,
  role: staff.role,
});
