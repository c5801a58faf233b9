// An HRIS directory's employees as the records a reconciliation takes (issue #15's full sync
// reads them through the provider's API): the HRIS's ids stay its ids; its dates are instants.
import type { Instant } from '@rolebook/domain';
import type { DirectoryEmployee } from '@rolebook/hris';
import type { EmployeeRecord } from './employee-record';

/** @param now when a departure the HRIS states without a date takes effect */
export const recordOfDirectoryEmployee = (employee: DirectoryEmployee, now: Instant): EmployeeRecord => ({
  line: null,
  employeeId: employee.employeeId,
  name: employee.fields.name ?? '',
  email: employee.fields.email ?? null,
  title: employee.fields.title ?? null,
  ...(employee.fields.managerId !== undefined ? { manager: employee.fields.managerId } : {}),
  start: employee.hiredAt,
  end: employee.terminated ? (employee.terminatedAt ?? now) : null,
  allocation: null,
});
