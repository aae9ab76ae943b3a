import type {
  CancelJobResponse,
  FunctionVersion,
  Job,
  JobPage,
  PushResponse,
  SieveFunction,
} from "../../src/index.js";

/** Bodies the fake server answers with, typed by the generated types. */
export const JOB_ID = "43d7add5-61cf-44ad-aac8-c5d14c642bb4";

export const job: Job = {
  id: JOB_ID,
  function_id: "f7de8467-17f3-4599-8f9d-ef601b172f71",
  organization_id: "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
  function: { name: "dubbing", owner_name: "sieve" },
  status: "finished",
  visibility: "private",
  run_id: "9b1e0c2a-3f4d-4e5f-8a6b-7c8d9e0f1a2b",
  created_at: "2024-12-15T01:41:59.195000",
  started_at: "2024-12-15T01:42:01.000000",
  completed_at: "2024-12-15T01:43:10.500000",
  error: null,
  inputs: { target_language: { name: "target_language", data: "spanish" } },
  outputs: [{ data: { url: "https://storage.test/out.mp4" } }],
};

export const jobPage: JobPage = { data: [job], next_offset: -1 };

export const pushResponse: PushResponse = {
  id: JOB_ID,
  model_id: "f7de8467-17f3-4599-8f9d-ef601b172f71",
  organization_id: "0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9",
  run_id: "9b1e0c2a-3f4d-4e5f-8a6b-7c8d9e0f1a2b",
  status: "queued",
  stream_output: false,
  workflow_id: null,
};

export const cancelResponse: CancelJobResponse = { message: "Job cancelled." };

export const functionVersion: FunctionVersion = {
  id: "5f8b2c1e-9a3d-4e6f-b7c0-1d2e3f4a5b6c",
  build_status: "ready",
  queued_at: "2024-12-15T01:41:59.195000",
  built_at: "2024-12-15T01:49:12.502000",
  ready_at: "2024-12-15T01:50:03.887000",
  compute_type: "l4",
  python_packages: ["torch==2.1.2"],
  system_packages: ["ffmpeg"],
  gpu: true,
  split: 1,
  inputs: [{ name: "file", type: "sieve.File" }],
  outputs: [{ name: null, type: "sieve.File" }],
  environment_variables: [],
  function_dependencies: [],
};

export const sieveFunction: SieveFunction = {
  name: "dubbing",
  owner_name: "sieve",
  title: "AI Dubbing",
  latest_version: functionVersion,
};
