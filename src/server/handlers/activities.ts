import { checkIn, currentCheckinCode, markAttendance } from '@/core/activities/checkin'
import type { activitiesContract } from '@/core/activities/contract'
import { uploadCover } from '@/core/activities/covers'
import { exportRows } from '@/core/activities/export-rows'
import { cancelActivity, createActivity, updateActivity } from '@/core/activities/manage'
import { activityQrCode } from '@/core/activities/qr'
import { activityDetail, groupCandidates, listActivities, myActivities, roster } from '@/core/activities/read'
import { cancelAhead, signUpAhead } from '@/core/activities/read-ahead'
import { recordResult, results } from '@/core/activities/results'
import { cancelSignup, reviewSignup, signUp, signUpFor } from '@/core/activities/signup'
import { createTeam, joinTeam, removeFromTeam } from '@/core/activities/teams'
import { buildActivityWorkbook } from '../activities-export'
import type { HandlersFor, ReadAheadFor } from './types'

export const activitiesHandlers: HandlersFor<typeof activitiesContract> = {
  'activities.list': listActivities,
  'activities.mine': myActivities,
  'activities.get': (ctx, input) => activityDetail(ctx, input.activityId),
  'activities.create': createActivity,
  'activities.uploadCover': uploadCover,
  'activities.update': updateActivity,
  'activities.signUp': signUp,
  'activities.signUpFor': signUpFor,
  'activities.groupCandidates': groupCandidates,
  'activities.cancel': cancelSignup,
  'activities.review': reviewSignup,
  'activities.roster': roster,
  'activities.qrCode': activityQrCode,
  'activities.checkinCode': currentCheckinCode,
  'activities.checkIn': checkIn,
  'activities.markAttendance': markAttendance,
  'activities.recordResult': recordResult,
  'activities.results': results,
  'activities.cancelActivity': cancelActivity,
  'activities.createTeam': createTeam,
  'activities.joinTeam': joinTeam,
  'activities.removeFromTeam': removeFromTeam,
  // The workbook is built here, outside the domain, which only produces typed rows (text, numbers, instants).
  'activities.export': async (ctx, input) => {
    const { title, rows } = await exportRows(ctx, input)
    return buildActivityWorkbook(title, rows, ctx.clock.now())
  },
}

/** Reads 报名 and 取消 start from their input beside the caller lookup (src/core/activities/read-ahead.ts). */
export const activitiesReadAhead: ReadAheadFor<typeof activitiesContract> = {
  'activities.signUp': signUpAhead,
  'activities.cancel': cancelAhead,
}
