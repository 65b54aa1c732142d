import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsDateString, IsIn, IsInt, IsTimeZone, IsUUID, Max, Min } from 'class-validator';
import { AccountExportPart, ExportContext, ExportPart, NullableText, recordOf, RestoreContext, sectionOf } from '../account-export/index';
import { Interview, INTERVIEW_FORMATS, INTERVIEW_OUTCOMES } from './interview.entity';
import { InterviewerNote } from './interviewer-note.entity';

export class ExportedInterviewDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() applicationId: string;
  @ApiProperty() @IsUUID() stageId: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() startsAt: string;
  @ApiProperty() @IsTimeZone() timeZone: string;
  @ApiProperty() @IsInt() @Min(1) @Max(24 * 60) durationMinutes: number;
  @ApiProperty({ enum: INTERVIEW_FORMATS, enumName: 'InterviewFormat' }) @IsIn(INTERVIEW_FORMATS) format: (typeof INTERVIEW_FORMATS)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableText() location: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() meetingUrl: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() prepNotes: string | null;
  @ApiProperty({ enum: INTERVIEW_OUTCOMES, enumName: 'InterviewOutcome' }) @IsIn(INTERVIEW_OUTCOMES) outcome: (typeof INTERVIEW_OUTCOMES)[number];
  @ApiProperty({ nullable: true, type: String }) @NullableText() feedback: string | null;
  @ApiProperty() @IsInt() @Min(0) sequence: number;
  @ApiProperty({ type: [String] }) @IsArray() @IsUUID(undefined, { each: true }) interviewerIds: string[];
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

/** The user's notes on one interviewer at one interview. */
export class ExportedInterviewerNoteDto {
  @ApiProperty() @IsUUID() id: string;
  @ApiProperty() @IsUUID() interviewId: string;
  @ApiProperty() @IsUUID() personId: string;
  @ApiProperty({ nullable: true, type: String }) @NullableText() asked: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() howItWent: string | null;
  @ApiProperty({ nullable: true, type: String }) @NullableText() followUp: string | null;
  @ApiProperty({ format: 'date-time' }) @IsDateString() createdAt: string;
  @ApiProperty({ format: 'date-time' }) @IsDateString() updatedAt: string;
}

type InterviewsSection = { interviews?: ExportedInterviewDto[]; interviewerNotes?: ExportedInterviewerNoteDto[] };

/** Interviews with their interviewers, and the user's notes on each interviewer. */
@Injectable()
@ExportPart({
  name: 'interviews',
  after: ['applications', 'people'],
  schema: {
    interviews: sectionOf(ExportedInterviewDto, { since: 'Since version 2' }),
    interviewerNotes: sectionOf(ExportedInterviewerNoteDto, { since: 'Added with per-interviewer notes; absent in older documents' }),
  },
})
export class InterviewsExport implements AccountExportPart<InterviewsSection> {
  async exportPart(userId: string, { em }: ExportContext): Promise<InterviewsSection> {
    const interviews = await em.find(Interview, { where: { userId }, order: { startsAt: 'ASC', createdAt: 'ASC', id: 'ASC' } });
    const interviewers = (await em.query(
      `SELECT ii.interview_id AS "interviewId", ii.person_id AS "personId" FROM interview_interviewers ii JOIN interviews i ON i.id = ii.interview_id
        WHERE i.user_id = $1 ORDER BY ii.person_id`,
      [userId],
    )) as { interviewId: string; personId: string }[];
    const notes = await em.find(InterviewerNote, { where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return {
      interviews: interviews.map((i) => recordOf(ExportedInterviewDto, i, { interviewerIds: interviewers.filter((r) => r.interviewId === i.id).map((r) => r.personId) })),
      interviewerNotes: notes.map((n) => recordOf(ExportedInterviewerNoteDto, n)),
    };
  }

  async restorePart(userId: string, doc: InterviewsSection, ctx: RestoreContext): Promise<void> {
    const ids = ctx.ids('interviews');
    const interviews = ids.allocate(
      (doc.interviews ?? []).filter((i) => ctx.required('applications', i.applicationId, `interviews[${i.id}]`, 'application') && ctx.required('stages', i.stageId, `interviews[${i.id}]`, 'stage')),
    );
    await ctx.write(
      Interview,
      // The validated document holds the columns only: the others are written as they were.
      interviews.map(({ id, applicationId, stageId, startsAt, interviewerIds: _panel, createdAt, updatedAt, ...columns }) => ({
        ...columns,
        id: ids.get(id)!,
        userId,
        applicationId: ctx.ids('applications').get(applicationId)!,
        stageId: ctx.ids('stages').get(stageId)!,
        startsAt: new Date(startsAt),
        createdAt: new Date(createdAt),
        updatedAt: new Date(updatedAt),
      })),
    );
    const panel = interviews.flatMap((i) =>
      [...new Set(i.interviewerIds)].flatMap((personId) => {
        const mapped = ctx.ref('people', personId, `interviews[${i.id}].interviewerIds`);
        return mapped ? [[ids.get(i.id)!, mapped] as const] : [];
      }),
    );
    if (panel.length) {
      await ctx.em.query('INSERT INTO interview_interviewers (interview_id, person_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])', [panel.map((p) => p[0]), panel.map((p) => p[1])]);
    }

    const noteIds = ctx.ids('interviewerNotes');
    const notedPairs = new Set<string>();
    const notes = noteIds.allocate(
      (doc.interviewerNotes ?? []).filter((n) => {
        const item = `interviewerNotes[${n.id}]`;
        if (!ctx.required('interviews', n.interviewId, item, 'interview') || !ctx.required('people', n.personId, item, 'person')) return false;
        const pair = `${n.interviewId}/${n.personId}`;
        if (notedPairs.has(pair)) {
          ctx.skip(item, 'the document holds notes on this interviewer at this interview twice; the first are kept');
          return false;
        }
        notedPairs.add(pair);
        return true;
      }),
    );
    await ctx.write(
      InterviewerNote,
      notes.map((n) => ({
        id: noteIds.get(n.id)!,
        userId,
        interviewId: ids.get(n.interviewId)!,
        personId: ctx.ids('people').get(n.personId)!,
        asked: n.asked,
        howItWent: n.howItWent,
        followUp: n.followUp,
        createdAt: new Date(n.createdAt),
        updatedAt: new Date(n.updatedAt),
      })),
    );
  }
}
