#!/usr/bin/env node
import { fileURLToPath as __pmgFileURLToPath } from 'node:url';
import { dirname as __pmgDirname } from 'node:path';
const __filename = __pmgFileURLToPath(import.meta.url);
const __dirname = __pmgDirname(__filename);
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 4115:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));


/***/ }),

/***/ 9461:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
__exportStar(__nccwpck_require__(2124), exports);
__exportStar(__nccwpck_require__(4115), exports);


/***/ }),

/***/ 2124:
/***/ ((__unused_webpack_module, exports) => {


Object.defineProperty(exports, "__esModule", ({ value: true }));


/***/ }),

/***/ 3995:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var PgQueryModule=(()=>{var _scriptName=globalThis.document?.currentScript?.src;return async function(moduleArg={}){var Module=moduleArg;var ENVIRONMENT_IS_WEB=!!globalThis.window;var ENVIRONMENT_IS_WORKER=!!globalThis.WorkerGlobalScope;var ENVIRONMENT_IS_NODE=globalThis.process?.versions?.node&&globalThis.process?.type!="renderer";var programArgs=[];var thisProgram="./this.program";var quit_=(status,toThrow)=>{throw toThrow};if(typeof __filename!="undefined"){_scriptName=__filename}else if(ENVIRONMENT_IS_WORKER){_scriptName=self.location.href}var scriptDirectory="";function locateFile(path){if(Module["locateFile"]){return Module["locateFile"](path,scriptDirectory)}return scriptDirectory+path}var readAsync,readBinary;if(ENVIRONMENT_IS_NODE){var fs=__nccwpck_require__(3024);scriptDirectory=__dirname+"/";readBinary=filename=>{filename=isFileURI(filename)?new URL(filename):filename;var ret=fs.readFileSync(filename);return ret};readAsync=async(filename,binary=true)=>{filename=isFileURI(filename)?new URL(filename):filename;var ret=fs.readFileSync(filename,binary?undefined:"utf8");return ret};if(process.argv.length>1){thisProgram=process.argv[1].replace(/\\/g,"/")}programArgs=process.argv.slice(2);quit_=(status,toThrow)=>{process.exitCode=status;throw toThrow}}else if(ENVIRONMENT_IS_WEB||ENVIRONMENT_IS_WORKER){try{scriptDirectory=new URL(".",_scriptName).href}catch{}{if(ENVIRONMENT_IS_WORKER){readBinary=url=>{var xhr=new XMLHttpRequest;xhr.open("GET",url,false);xhr.responseType="arraybuffer";xhr.send(null);return new Uint8Array(xhr.response)}}readAsync=async url=>{var response=await fetch(url,{credentials:"same-origin"});if(response.ok){return response.arrayBuffer()}throw new Error(response.status+" : "+response.url)}}}else{}var out=console.log.bind(console);var err=console.error.bind(console);var wasmBinary;var ABORT=false;var EXITSTATUS;var isFileURI=filename=>filename.startsWith("file://");class EmscriptenEH{}class EmscriptenSjLj extends EmscriptenEH{}var runtimeInitialized=false;function getMemoryBuffer(){return wasmMemory.buffer}function updateMemoryViews(){if(HEAP8?.buffer?.resizable)return;var b=getMemoryBuffer();HEAP8=new Int8Array(b);HEAP16=new Int16Array(b);Module["HEAPU8"]=HEAPU8=new Uint8Array(b);HEAPU16=new Uint16Array(b);HEAP32=new Int32Array(b);Module["HEAPU32"]=HEAPU32=new Uint32Array(b);HEAPF32=new Float32Array(b);HEAPF64=new Float64Array(b);HEAP64=new BigInt64Array(b);HEAPU64=new BigUint64Array(b)}function preRun(){var preRun=Module["preRun"];if(preRun){if(typeof preRun=="function")preRun=[preRun];onPreRuns.push(...preRun)}callRuntimeCallbacks(onPreRuns)}function initRuntime(){runtimeInitialized=true;if(!Module["noFSInit"]&&!FS.initialized)FS.init();TTY.init();wasmExports["A"]();FS.ignorePermissions=false}function postRun(){var postRun=Module["postRun"];if(postRun){if(typeof postRun=="function")postRun=[postRun];onPostRuns.push(...postRun)}callRuntimeCallbacks(onPostRuns)}function abort(what){Module["onAbort"]?.(what);what=`Aborted(${what})`;err(what);ABORT=true;what+=". Build with -sASSERTIONS for more info.";var e=new WebAssembly.RuntimeError(what);throw e}var wasmBinaryFile;function findWasmBinary(){return locateFile("libpg-query.wasm")}function getBinarySync(file){if(readBinary){return readBinary(file)}throw"both async and sync fetching of the wasm failed"}async function getWasmBinary(binaryFile){if(!wasmBinary){try{var response=await readAsync(binaryFile);return new Uint8Array(response)}catch{}}return getBinarySync(binaryFile)}async function instantiateArrayBuffer(binaryFile,imports){try{var binary=await getWasmBinary(binaryFile);var instance=await WebAssembly.instantiate(binary,imports);return instance}catch(reason){err(`failed to asynchronously prepare wasm: ${reason}`);abort(reason)}}async function instantiateAsync(binary,binaryFile,imports){if(!binary&&!ENVIRONMENT_IS_NODE){try{var response=fetch(binaryFile,{credentials:"same-origin"});var instantiationResult=await WebAssembly.instantiateStreaming(response,imports);return instantiationResult}catch(reason){err(`wasm streaming compile failed: ${reason}`);err("falling back to ArrayBuffer instantiation")}}return instantiateArrayBuffer(binaryFile,imports)}function getWasmImports(){var imports={a:wasmImports};return imports}async function createWasm(){function receiveInstance(instance){wasmExports=instance.exports;assignWasmExports(wasmExports);updateMemoryViews();return wasmExports}function receiveInstantiationResult(result){return receiveInstance(result["instance"])}var info=getWasmImports();var instantiateWasm=Module["instantiateWasm"];if(instantiateWasm){return new Promise(resolve=>{instantiateWasm(info,inst=>resolve(receiveInstance(inst)))})}wasmBinaryFile??=findWasmBinary();var result=await instantiateAsync(wasmBinary,wasmBinaryFile,info);var exports=receiveInstantiationResult(result);return exports}class ExitStatus{name="ExitStatus";constructor(status){this.message=`Program terminated with exit(${status})`;this.status=status}}var HEAP16;var HEAP32;var HEAP64;var HEAP8;var HEAPF32;var HEAPF64;var HEAPU16;var HEAPU32;var HEAPU64;var HEAPU8;var callRuntimeCallbacks=callbacks=>{while(callbacks.length>0){callbacks.shift()(Module)}};var onPostRuns=[];var onPreRuns=[];function getValue(ptr,type="i8"){if(type.endsWith("*"))type="*";switch(type){case"i1":return HEAP8[ptr];case"i8":return HEAP8[ptr];case"i16":return HEAP16[ptr>>1];case"i32":return HEAP32[ptr>>2];case"i64":return HEAP64[ptr>>3];case"float":return HEAPF32[ptr>>2];case"double":return HEAPF64[ptr>>3];case"*":return HEAPU32[ptr>>2];default:abort(`invalid type for getValue: ${type}`)}}var noExitRuntime=true;var stackRestore=val=>__emscripten_stack_restore(val);var stackSave=()=>_emscripten_stack_get_current();var UTF8Decoder=globalThis.TextDecoder&&new TextDecoder;var findStringEnd=(heapOrArray,idx,maxBytesToRead,ignoreNul)=>{var maxIdx=idx+maxBytesToRead;if(ignoreNul)return maxIdx;while(heapOrArray[idx]&&!(idx>=maxIdx))++idx;return idx};var UTF8ArrayToString=(heapOrArray,idx=0,maxBytesToRead,ignoreNul)=>{var endPtr=findStringEnd(heapOrArray,idx,maxBytesToRead,ignoreNul);if(endPtr-idx>16&&heapOrArray.buffer&&UTF8Decoder){return UTF8Decoder.decode(heapOrArray.subarray(idx,endPtr))}var str="";while(idx<endPtr){var u0=heapOrArray[idx++];if(!(u0&128)){str+=String.fromCharCode(u0);continue}var u1=heapOrArray[idx++]&63;if((u0&224)==192){str+=String.fromCharCode((u0&31)<<6|u1);continue}var u2=heapOrArray[idx++]&63;if((u0&240)==224){u0=(u0&15)<<12|u1<<6|u2}else{u0=(u0&7)<<18|u1<<12|u2<<6|heapOrArray[idx++]&63}if(u0<65536){str+=String.fromCharCode(u0)}else{var ch=u0-65536;str+=String.fromCharCode(55296|ch>>10,56320|ch&1023)}}return str};var UTF8ToString=(ptr,maxBytesToRead,ignoreNul)=>ptr?UTF8ArrayToString(HEAPU8,ptr,maxBytesToRead,ignoreNul):"";var ___assert_fail=(condition,filename,line,func)=>abort(`Assertion failed: ${UTF8ToString(condition)}, at: `+[filename?UTF8ToString(filename):"unknown filename",line,func?UTF8ToString(func):"unknown function"]);var __abort_js=()=>abort("");var runtimeKeepaliveCounter=0;var __emscripten_runtime_keepalive_clear=()=>{noExitRuntime=false;runtimeKeepaliveCounter=0};var __emscripten_throw_longjmp=()=>{throw new EmscriptenSjLj};var timers={};var handleException=e=>{if(e instanceof ExitStatus||e=="unwind"){return EXITSTATUS}quit_(1,e)};var keepRuntimeAlive=()=>noExitRuntime||runtimeKeepaliveCounter>0;var _proc_exit=code=>{EXITSTATUS=code;if(!keepRuntimeAlive()){Module["onExit"]?.(code);ABORT=true}quit_(code,new ExitStatus(code))};var exitJS=(status,implicit)=>{EXITSTATUS=status;_proc_exit(status)};var _exit=exitJS;var maybeExit=()=>{if(!keepRuntimeAlive()){try{_exit(EXITSTATUS)}catch(e){handleException(e)}}};var callUserCallback=func=>{if(ABORT){return}try{return func()}catch(e){handleException(e)}finally{maybeExit()}};var _emscripten_get_now=()=>performance.now();var __setitimer_js=(which,timeout_ms)=>{if(timers[which]){clearTimeout(timers[which].id);delete timers[which]}if(!timeout_ms)return 0;var id=setTimeout(()=>{delete timers[which];callUserCallback(()=>__emscripten_timeout(which,_emscripten_get_now()))},timeout_ms);timers[which]={id,timeout_ms};return 0};var getHeapMax=()=>1073741824;var alignMemory=(size,alignment)=>Math.ceil(size/alignment)*alignment;var growMemory=size=>{var oldHeapSize=wasmMemory.buffer.byteLength;var pages=(size-oldHeapSize+65535)/65536|0;try{wasmMemory.grow(pages);updateMemoryViews();return 1}catch(e){}};var _emscripten_resize_heap=requestedSize=>{var oldSize=HEAPU8.length;requestedSize>>>=0;var maxHeapSize=getHeapMax();if(requestedSize>maxHeapSize){return false}for(var cutDown=1;cutDown<=4;cutDown*=2){var overGrownHeapSize=oldSize*(1+.2/cutDown);overGrownHeapSize=Math.min(overGrownHeapSize,requestedSize+100663296);var newSize=Math.min(maxHeapSize,alignMemory(Math.max(requestedSize,overGrownHeapSize),65536));var replacement=growMemory(newSize);if(replacement){return true}}return false};var PATH={isAbs:path=>path.charAt(0)==="/",splitPath:filename=>{var splitPathRe=/^(\/?|)([\s\S]*?)((?:\.{1,2}|[^\/]+?|)(\.[^.\/]*|))(?:[\/]*)$/;return splitPathRe.exec(filename).slice(1)},normalizeArray:(parts,allowAboveRoot)=>{var up=0;for(var i=parts.length-1;i>=0;i--){var last=parts[i];if(last==="."){parts.splice(i,1)}else if(last===".."){parts.splice(i,1);up++}else if(up){parts.splice(i,1);up--}}if(allowAboveRoot){for(;up;up--){parts.unshift("..")}}return parts},normalize:path=>{var isAbsolute=PATH.isAbs(path),trailingSlash=path.slice(-1)==="/";path=PATH.normalizeArray(path.split("/").filter(p=>!!p),!isAbsolute).join("/");if(!path&&!isAbsolute){path="."}if(path&&trailingSlash){path+="/"}return(isAbsolute?"/":"")+path},dirname:path=>{var result=PATH.splitPath(path),root=result[0],dir=result[1];if(!root&&!dir){return"."}if(dir){dir=dir.slice(0,-1)}return root+dir},basename:path=>path&&path.match(/([^\/]+|\/)\/*$/)[1],join:(...paths)=>PATH.normalize(paths.join("/")),join2:(l,r)=>PATH.normalize(l+"/"+r)};var initRandomFill=()=>{if(ENVIRONMENT_IS_NODE){var nodeCrypto=__nccwpck_require__(7598);return view=>(nodeCrypto.randomFillSync(view),0)}return view=>(crypto.getRandomValues(view),0)};var randomFill=view=>(randomFill=initRandomFill())(view);var PATH_FS={resolve:(...args)=>{var resolvedPath="",resolvedAbsolute=false;for(var i=args.length-1;i>=-1&&!resolvedAbsolute;i--){var path=i>=0?args[i]:FS.cwd();if(typeof path!="string"){throw new TypeError("Arguments to path.resolve must be strings")}else if(!path){return""}resolvedPath=path+"/"+resolvedPath;resolvedAbsolute=PATH.isAbs(path)}resolvedPath=PATH.normalizeArray(resolvedPath.split("/").filter(p=>!!p),!resolvedAbsolute).join("/");return(resolvedAbsolute?"/":"")+resolvedPath||"."},relative:(from,to)=>{from=PATH_FS.resolve(from).slice(1);to=PATH_FS.resolve(to).slice(1);function trim(arr){var start=0;for(;start<arr.length;start++){if(arr[start]!=="")break}var end=arr.length-1;for(;end>=0;end--){if(arr[end]!=="")break}if(start>end)return[];return arr.slice(start,end-start+1)}var fromParts=trim(from.split("/"));var toParts=trim(to.split("/"));var length=Math.min(fromParts.length,toParts.length);var samePartsLength=length;for(var i=0;i<length;i++){if(fromParts[i]!==toParts[i]){samePartsLength=i;break}}var outputParts=[];for(var i=samePartsLength;i<fromParts.length;i++){outputParts.push("..")}outputParts=outputParts.concat(toParts.slice(samePartsLength));return outputParts.join("/")}};var FS_stdin_getChar_buffer=[];var lengthBytesUTF8=str=>{var len=0;for(var i=0;i<str.length;++i){var c=str.charCodeAt(i);if(c<=127){len++}else if(c<=2047){len+=2}else if(c>=55296&&c<=57343){len+=4;++i}else{len+=3}}return len};var stringToUTF8Array=(str,heap,outIdx,maxBytesToWrite)=>{if(!(maxBytesToWrite>0))return 0;var startIdx=outIdx;var endIdx=outIdx+maxBytesToWrite-1;for(var i=0;i<str.length;++i){var u=str.codePointAt(i);if(u<=127){if(outIdx>=endIdx)break;heap[outIdx++]=u}else if(u<=2047){if(outIdx+1>=endIdx)break;heap[outIdx++]=192|u>>6;heap[outIdx++]=128|u&63}else if(u<=65535){if(outIdx+2>=endIdx)break;heap[outIdx++]=224|u>>12;heap[outIdx++]=128|u>>6&63;heap[outIdx++]=128|u&63}else{if(outIdx+3>=endIdx)break;heap[outIdx++]=240|u>>18;heap[outIdx++]=128|u>>12&63;heap[outIdx++]=128|u>>6&63;heap[outIdx++]=128|u&63;i++}}heap[outIdx]=0;return outIdx-startIdx};var intArrayFromString=(stringy,dontAddNull,length)=>{var len=length>0?length:lengthBytesUTF8(stringy)+1;var u8array=new Array(len);var numBytesWritten=stringToUTF8Array(stringy,u8array,0,u8array.length);if(dontAddNull)u8array.length=numBytesWritten;return u8array};var FS_stdin_getChar=()=>{if(!FS_stdin_getChar_buffer.length){var result=null;if(ENVIRONMENT_IS_NODE){var BUFSIZE=256;var buf=Buffer.alloc(BUFSIZE);var bytesRead=0;var fd=process.stdin.fd;try{bytesRead=fs.readSync(fd,buf,0,BUFSIZE)}catch(e){if(e.toString().includes("EOF"))bytesRead=0;else throw e}if(bytesRead>0){result=buf.slice(0,bytesRead).toString("utf-8")}}else if(globalThis.window?.prompt){result=window.prompt("Input: ");if(result!==null){result+="\n"}}else{}if(!result){return null}FS_stdin_getChar_buffer=intArrayFromString(result,true)}return FS_stdin_getChar_buffer.shift()};var TTY={ttys:[],init(){},shutdown(){},register(dev,ops){TTY.ttys[dev]={input:[],output:[],ops};FS.registerDevice(dev,TTY.stream_ops)},stream_ops:{open(stream){var tty=TTY.ttys[stream.node.rdev];if(!tty){throw new FS.ErrnoError(43)}stream.tty=tty;stream.seekable=false},close(stream){stream.tty.ops.fsync(stream.tty)},fsync(stream){stream.tty.ops.fsync(stream.tty)},read(stream,buffer,offset,length,pos){if(!stream.tty||!stream.tty.ops.get_char){throw new FS.ErrnoError(60)}var bytesRead=0;for(var i=0;i<length;i++){var result;try{result=stream.tty.ops.get_char(stream.tty)}catch(e){throw new FS.ErrnoError(29)}if(result===undefined&&bytesRead===0){throw new FS.ErrnoError(6)}if(result===null||result===undefined)break;bytesRead++;buffer[offset+i]=result}if(bytesRead){stream.node.atime=Date.now()}return bytesRead},write(stream,buffer,offset,length,pos){if(!stream.tty||!stream.tty.ops.put_char){throw new FS.ErrnoError(60)}try{for(var i=0;i<length;i++){stream.tty.ops.put_char(stream.tty,buffer[offset+i])}}catch(e){throw new FS.ErrnoError(29)}if(length){stream.node.mtime=stream.node.ctime=Date.now()}return i}},default_tty_ops:{get_char(tty){return FS_stdin_getChar()},put_char(tty,val){if(val===null||val===10){out(UTF8ArrayToString(tty.output));tty.output=[]}else{if(val!=0)tty.output.push(val)}},fsync(tty){if(tty.output?.length>0){out(UTF8ArrayToString(tty.output));tty.output=[]}},ioctl_tcgets(tty){return{c_iflag:25856,c_oflag:5,c_cflag:191,c_lflag:35387,c_cc:[3,28,127,21,4,0,1,0,17,19,26,0,18,15,23,22,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}},ioctl_tcsets(tty,optional_actions,data){return 0},ioctl_tiocgwinsz(tty){return[24,80]}},default_tty1_ops:{put_char(tty,val){if(val===null||val===10){err(UTF8ArrayToString(tty.output));tty.output=[]}else{if(val!=0)tty.output.push(val)}},fsync(tty){if(tty.output?.length>0){err(UTF8ArrayToString(tty.output));tty.output=[]}}}};var mmapAlloc=size=>{abort()};var MEMFS={ops_table:null,mount(mount){return MEMFS.createNode(null,"/",16895,0)},createNode(parent,name,mode,dev){if(FS.isBlkdev(mode)||FS.isFIFO(mode)){throw new FS.ErrnoError(63)}MEMFS.ops_table||={dir:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr,lookup:MEMFS.node_ops.lookup,mknod:MEMFS.node_ops.mknod,rename:MEMFS.node_ops.rename,unlink:MEMFS.node_ops.unlink,rmdir:MEMFS.node_ops.rmdir,readdir:MEMFS.node_ops.readdir,symlink:MEMFS.node_ops.symlink},stream:{llseek:MEMFS.stream_ops.llseek}},file:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr},stream:{llseek:MEMFS.stream_ops.llseek,read:MEMFS.stream_ops.read,write:MEMFS.stream_ops.write,mmap:MEMFS.stream_ops.mmap,msync:MEMFS.stream_ops.msync}},link:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr,readlink:MEMFS.node_ops.readlink},stream:{}},chrdev:{node:{getattr:MEMFS.node_ops.getattr,setattr:MEMFS.node_ops.setattr},stream:FS.chrdev_stream_ops}};var node=FS.createNode(parent,name,mode,dev);if(FS.isDir(node.mode)){node.node_ops=MEMFS.ops_table.dir.node;node.stream_ops=MEMFS.ops_table.dir.stream;node.contents={}}else if(FS.isFile(node.mode)){node.node_ops=MEMFS.ops_table.file.node;node.stream_ops=MEMFS.ops_table.file.stream;node.usedBytes=0;node.contents=MEMFS.emptyFileContents??=new Uint8Array(0)}else if(FS.isLink(node.mode)){node.node_ops=MEMFS.ops_table.link.node;node.stream_ops=MEMFS.ops_table.link.stream}else if(FS.isChrdev(node.mode)){node.node_ops=MEMFS.ops_table.chrdev.node;node.stream_ops=MEMFS.ops_table.chrdev.stream}node.atime=node.mtime=node.ctime=Date.now();if(parent){parent.contents[name]=node;parent.atime=parent.mtime=parent.ctime=node.atime}return node},getFileDataAsTypedArray(node){return node.contents.subarray(0,node.usedBytes)},expandFileStorage(node,newCapacity){var prevCapacity=node.contents.length;if(prevCapacity>=newCapacity)return;var CAPACITY_DOUBLING_MAX=1024*1024;newCapacity=Math.max(newCapacity,prevCapacity*(prevCapacity<CAPACITY_DOUBLING_MAX?2:1.125)>>>0);if(prevCapacity)newCapacity=Math.max(newCapacity,256);var oldContents=MEMFS.getFileDataAsTypedArray(node);node.contents=new Uint8Array(newCapacity);node.contents.set(oldContents)},resizeFileStorage(node,newSize){if(node.usedBytes==newSize)return;var oldContents=node.contents;node.contents=new Uint8Array(newSize);node.contents.set(oldContents.subarray(0,Math.min(newSize,node.usedBytes)));node.usedBytes=newSize},node_ops:{getattr(node){var attr={};attr.dev=FS.isChrdev(node.mode)?node.id:1;attr.ino=node.id;attr.mode=node.mode;attr.nlink=1;attr.uid=0;attr.gid=0;attr.rdev=node.rdev;if(FS.isDir(node.mode)){attr.size=4096}else if(FS.isFile(node.mode)){attr.size=node.usedBytes}else if(FS.isLink(node.mode)){attr.size=node.link.length}else{attr.size=0}attr.atime=new Date(node.atime);attr.mtime=new Date(node.mtime);attr.ctime=new Date(node.ctime);attr.blksize=4096;attr.blocks=Math.ceil(attr.size/attr.blksize);return attr},setattr(node,attr){for(const key of["mode","atime","mtime","ctime"]){if(attr[key]!=null){node[key]=attr[key]}}if(attr.size!==undefined){MEMFS.resizeFileStorage(node,attr.size)}},lookup(parent,name){if(!MEMFS.doesNotExistError){MEMFS.doesNotExistError=new FS.ErrnoError(44);MEMFS.doesNotExistError.stack="<generic error, no stack>"}throw MEMFS.doesNotExistError},mknod(parent,name,mode,dev){return MEMFS.createNode(parent,name,mode,dev)},rename(old_node,new_dir,new_name){var new_node;try{new_node=FS.lookupNode(new_dir,new_name)}catch(e){}if(new_node){if(FS.isDir(old_node.mode)){for(var i in new_node.contents){throw new FS.ErrnoError(55)}}FS.hashRemoveNode(new_node)}delete old_node.parent.contents[old_node.name];new_dir.contents[new_name]=old_node;old_node.name=new_name;new_dir.ctime=new_dir.mtime=old_node.parent.ctime=old_node.parent.mtime=Date.now()},unlink(parent,name){delete parent.contents[name];parent.ctime=parent.mtime=Date.now()},rmdir(parent,name){var node=FS.lookupNode(parent,name);for(var i in node.contents){throw new FS.ErrnoError(55)}delete parent.contents[name];parent.ctime=parent.mtime=Date.now()},readdir(node){return[".","..",...Object.keys(node.contents)]},symlink(parent,newname,oldpath){var node=MEMFS.createNode(parent,newname,511|40960,0);node.link=oldpath;return node},readlink(node){if(!FS.isLink(node.mode)){throw new FS.ErrnoError(28)}return node.link}},stream_ops:{read(stream,buffer,offset,length,position){var contents=stream.node.contents;if(position>=stream.node.usedBytes)return 0;var size=Math.min(stream.node.usedBytes-position,length);buffer.set(contents.subarray(position,position+size),offset);return size},write(stream,buffer,offset,length,position,canOwn){if(buffer.buffer===HEAP8.buffer){canOwn=false}if(!length)return 0;var node=stream.node;node.mtime=node.ctime=Date.now();if(canOwn){node.contents=buffer.subarray(offset,offset+length);node.usedBytes=length}else if(node.usedBytes===0&&position===0){node.contents=buffer.slice(offset,offset+length);node.usedBytes=length}else{MEMFS.expandFileStorage(node,position+length);node.contents.set(buffer.subarray(offset,offset+length),position);node.usedBytes=Math.max(node.usedBytes,position+length)}return length},llseek(stream,offset,whence){var position=offset;if(whence===1){position+=stream.position}else if(whence===2){if(FS.isFile(stream.node.mode)){position+=stream.node.usedBytes}}if(position<0){throw new FS.ErrnoError(28)}return position},mmap(stream,length,position,prot,flags){if(!FS.isFile(stream.node.mode)){throw new FS.ErrnoError(43)}var ptr;var allocated;var contents=stream.node.contents;if(!(flags&2)&&contents.buffer===HEAP8.buffer){allocated=false;ptr=contents.byteOffset}else{allocated=true;ptr=mmapAlloc(length);if(!ptr){throw new FS.ErrnoError(48)}if(contents){if(position>0||position+length<contents.length){if(contents.subarray){contents=contents.subarray(position,position+length)}else{contents=Array.prototype.slice.call(contents,position,position+length)}}HEAP8.set(contents,ptr)}}return{ptr,allocated}},msync(stream,buffer,offset,length,mmapFlags){MEMFS.stream_ops.write(stream,buffer,0,length,offset,false);return 0}}};var FS_modeStringToFlags=str=>{if(typeof str!="string")return str;var flagModes={r:0,"r+":2,w:512|64|1,"w+":512|64|2,a:1024|64|1,"a+":1024|64|2};var flags=flagModes[str];if(typeof flags=="undefined"){throw new Error(`Unknown file open mode: ${str}`)}return flags};var FS_fileDataToTypedArray=data=>{if(typeof data=="string"){data=intArrayFromString(data,true)}if(!data.subarray){data=new Uint8Array(data)}return data};var FS_getMode=(canRead,canWrite)=>{var mode=0;if(canRead)mode|=292|73;if(canWrite)mode|=146;return mode};var asyncLoad=async url=>{var arrayBuffer=await readAsync(url);return new Uint8Array(arrayBuffer)};var FS_createDataFile=(...args)=>FS.createDataFile(...args);var getUniqueRunDependency=id=>id;var dependenciesPromise=null;var resolveRunDependencies=async()=>dependenciesPromise;var runDependencies=0;var dependenciesPromiseResolve=null;var removeRunDependency=id=>{runDependencies--;Module["monitorRunDependencies"]?.(runDependencies);if(!runDependencies){dependenciesPromiseResolve()}};var addRunDependency=id=>{if(!runDependencies){dependenciesPromise=new Promise(resolve=>dependenciesPromiseResolve=resolve)}runDependencies++;Module["monitorRunDependencies"]?.(runDependencies)};var preloadPlugins=[];var FS_handledByPreloadPlugin=async(byteArray,fullname)=>{if(typeof Browser!="undefined")Browser.init();for(var plugin of preloadPlugins){if(plugin["canHandle"](fullname)){return plugin["handle"](byteArray,fullname)}}return byteArray};var FS_preloadFile=async(parent,name,url,canRead,canWrite,dontCreateFile,canOwn,preFinish)=>{var fullname=name?PATH_FS.resolve(PATH.join2(parent,name)):parent;var dep=getUniqueRunDependency(`cp ${fullname}`);addRunDependency(dep);try{var byteArray=url;if(typeof url=="string"){byteArray=await asyncLoad(url)}byteArray=await FS_handledByPreloadPlugin(byteArray,fullname);preFinish?.();if(!dontCreateFile){FS_createDataFile(parent,name,byteArray,canRead,canWrite,canOwn)}}finally{removeRunDependency(dep)}};var FS_createPreloadedFile=(parent,name,url,canRead,canWrite,onload,onerror,dontCreateFile,canOwn,preFinish)=>{FS_preloadFile(parent,name,url,canRead,canWrite,dontCreateFile,canOwn,preFinish).then(onload).catch(onerror)};var FS={root:null,mounts:[],devices:{},streams:[],nextInode:1,nameTable:null,currentPath:"/",initialized:false,ignorePermissions:true,filesystems:null,syncFSRequests:0,ErrnoError:class{name="ErrnoError";constructor(errno){this.errno=errno}},FSStream:class{shared={};get object(){return this.node}set object(val){this.node=val}get isRead(){return(this.flags&2097155)!==1}get isWrite(){return(this.flags&2097155)!==0}get isAppend(){return this.flags&1024}get flags(){return this.shared.flags}set flags(val){this.shared.flags=val}get position(){return this.shared.position}set position(val){this.shared.position=val}},FSNode:class{node_ops={};stream_ops={};readMode=292|73;writeMode=146;mounted=null;constructor(parent,name,mode,rdev){if(!parent){parent=this}this.parent=parent;this.mount=parent.mount;this.id=FS.nextInode++;this.name=name;this.mode=mode;this.rdev=rdev;this.atime=this.mtime=this.ctime=Date.now()}get read(){return(this.mode&this.readMode)===this.readMode}set read(val){val?this.mode|=this.readMode:this.mode&=~this.readMode}get write(){return(this.mode&this.writeMode)===this.writeMode}set write(val){val?this.mode|=this.writeMode:this.mode&=~this.writeMode}get isFolder(){return FS.isDir(this.mode)}get isDevice(){return FS.isChrdev(this.mode)}addListener(cb,exclusive=false){var entry={cb,exclusive};var listeners=this.listeners??=new Set;listeners.add(entry);return{listeners,entry}}notifyListeners(flags){if(!this.listeners)return;var excl;for(var entry of this.listeners){if(entry.exclusive)(excl||=[]).push(entry);else entry.cb(flags)}if(excl){var i=(this.exclTurn||0)%excl.length;this.exclTurn=i+1;excl[i].cb(flags)}}},lookupPath(path,opts={}){if(!path){throw new FS.ErrnoError(44)}opts.follow_mount??=true;if(!PATH.isAbs(path)){path=FS.cwd()+"/"+path}linkloop:for(var nlinks=0;nlinks<40;nlinks++){var parts=path.split("/").filter(p=>!!p);var current=FS.root;var current_path="/";for(var i=0;i<parts.length;i++){var islast=i===parts.length-1;if(islast&&opts.parent){break}if(parts[i]==="."){continue}if(parts[i]===".."){current_path=PATH.dirname(current_path);if(FS.isRoot(current)){path=current_path+"/"+parts.slice(i+1).join("/");nlinks--;continue linkloop}else{current=current.parent}continue}current_path=PATH.join2(current_path,parts[i]);try{current=FS.lookupNode(current,parts[i])}catch(e){if(e?.errno===44&&islast&&opts.noent_okay){return{path:current_path}}throw e}if(FS.isMountpoint(current)&&(!islast||opts.follow_mount)){current=current.mounted.root}if(FS.isLink(current.mode)&&(!islast||opts.follow)){if(!current.node_ops.readlink){throw new FS.ErrnoError(52)}var link=current.node_ops.readlink(current);if(!PATH.isAbs(link)){link=PATH.dirname(current_path)+"/"+link}path=link+"/"+parts.slice(i+1).join("/");continue linkloop}}return{path:current_path,node:current}}throw new FS.ErrnoError(32)},getPath(node){var path;while(true){if(FS.isRoot(node)){var mount=node.mount.mountpoint;if(!path)return mount;return mount[mount.length-1]!=="/"?`${mount}/${path}`:mount+path}path=path?`${node.name}/${path}`:node.name;node=node.parent}},hashName(parentid,name){var hash=0;for(var i=0;i<name.length;i++){hash=(hash<<5)-hash+name.charCodeAt(i)|0}return(parentid+hash>>>0)%FS.nameTable.length},hashAddNode(node){var hash=FS.hashName(node.parent.id,node.name);node.name_next=FS.nameTable[hash];FS.nameTable[hash]=node},hashRemoveNode(node){var hash=FS.hashName(node.parent.id,node.name);if(FS.nameTable[hash]===node){FS.nameTable[hash]=node.name_next}else{var current=FS.nameTable[hash];while(current){if(current.name_next===node){current.name_next=node.name_next;break}current=current.name_next}}},lookupNode(parent,name){var errCode=FS.mayLookup(parent);if(errCode){throw new FS.ErrnoError(errCode)}var hash=FS.hashName(parent.id,name);for(var node=FS.nameTable[hash];node;node=node.name_next){var nodeName=node.name;if(node.parent.id===parent.id&&nodeName===name){return node}}return FS.lookup(parent,name)},createNode(parent,name,mode,rdev){var node=new FS.FSNode(parent,name,mode,rdev);FS.hashAddNode(node);return node},destroyNode(node){FS.hashRemoveNode(node)},isRoot(node){return node===node.parent},isMountpoint(node){return!!node.mounted},isFile(mode){return(mode&61440)===32768},isDir(mode){return(mode&61440)===16384},isLink(mode){return(mode&61440)===40960},isChrdev(mode){return(mode&61440)===8192},isBlkdev(mode){return(mode&61440)===24576},isFIFO(mode){return(mode&61440)===4096},isSocket(mode){return(mode&49152)===49152},flagsToPermissionString(flag){var perms=["r","w","rw"][flag&3];if(flag&512){perms+="w"}return perms},nodePermissions(node,perms){if(FS.ignorePermissions){return 0}if(perms.includes("r")&&!(node.mode&292)){return 2}if(perms.includes("w")&&!(node.mode&146)){return 2}if(perms.includes("x")&&!(node.mode&73)){return 2}return 0},mayLookup(dir){if(!FS.isDir(dir.mode))return 54;var errCode=FS.nodePermissions(dir,"x");if(errCode)return errCode;if(!dir.node_ops.lookup)return 2;return 0},mayCreate(dir,name){if(!FS.isDir(dir.mode)){return 54}try{var node=FS.lookupNode(dir,name);return 20}catch(e){}return FS.nodePermissions(dir,"wx")},mayDelete(dir,name,isdir){var node;try{node=FS.lookupNode(dir,name)}catch(e){return e.errno}var errCode=FS.nodePermissions(dir,"wx");if(errCode){return errCode}if(isdir){if(!FS.isDir(node.mode)){return 54}if(FS.isRoot(node)||FS.getPath(node)===FS.cwd()){return 10}}else if(FS.isDir(node.mode)){return 31}return 0},mayOpen(node,flags){if(!node){return 44}if(FS.isLink(node.mode)){return 32}var mode=FS.flagsToPermissionString(flags);if(FS.isDir(node.mode)){if(mode!=="r"||flags&(512|64)){return 31}}return FS.nodePermissions(node,mode)},checkOpExists(op,err){if(!op){throw new FS.ErrnoError(err)}return op},MAX_OPEN_FDS:4096,nextfd(){for(var fd=0;fd<=FS.MAX_OPEN_FDS;fd++){if(!FS.streams[fd]){return fd}}throw new FS.ErrnoError(33)},getStreamChecked(fd){var stream=FS.getStream(fd);if(!stream){throw new FS.ErrnoError(8)}return stream},getStream:fd=>FS.streams[fd],createStream(stream,fd=-1){stream=Object.assign(new FS.FSStream,stream);if(fd==-1){fd=FS.nextfd()}stream.fd=fd;FS.streams[fd]=stream;return stream},closeStream(fd){FS.streams[fd]=null},dupStream(origStream,fd=-1){var stream=FS.createStream(origStream,fd);stream.stream_ops?.dup?.(stream);return stream},doSetAttr(stream,node,attr){var setattr=stream?.stream_ops.setattr;var arg=setattr?stream:node;setattr??=node.node_ops.setattr;FS.checkOpExists(setattr,63);try{setattr(arg,attr)}catch(e){if(e instanceof RangeError){throw new FS.ErrnoError(22)}throw e}},chrdev_stream_ops:{open(stream){var device=FS.getDevice(stream.node.rdev);stream.stream_ops=device.stream_ops;stream.stream_ops.open?.(stream)},llseek(){throw new FS.ErrnoError(70)}},major:dev=>dev>>8,minor:dev=>dev&255,makedev:(ma,mi)=>ma<<8|mi,registerDevice(dev,ops){FS.devices[dev]={stream_ops:ops}},getDevice:dev=>FS.devices[dev],getMounts(mount){var mounts=[];var check=[mount];while(check.length){var m=check.pop();mounts.push(m);check.push(...m.mounts)}return mounts},syncfs(populate,callback){if(typeof populate=="function"){callback=populate;populate=false}FS.syncFSRequests++;if(FS.syncFSRequests>1){err(`warning: ${FS.syncFSRequests} FS.syncfs operations in flight at once, probably just doing extra work`)}var mounts=FS.getMounts(FS.root.mount);var completed=0;function doCallback(errCode){FS.syncFSRequests--;return callback(errCode)}function done(errCode){if(errCode){if(!done.errored){done.errored=true;return doCallback(errCode)}return}if(++completed>=mounts.length){doCallback(null)}}for(var mount of mounts){if(mount.type.syncfs){mount.type.syncfs(mount,populate,done)}else{done(null)}}},mount(type,opts,mountpoint){var root=mountpoint==="/";var pseudo=!mountpoint;var node;if(root&&FS.root){throw new FS.ErrnoError(10)}else if(!root&&!pseudo){var lookup=FS.lookupPath(mountpoint,{follow_mount:false});mountpoint=lookup.path;node=lookup.node;if(FS.isMountpoint(node)){throw new FS.ErrnoError(10)}if(!FS.isDir(node.mode)){throw new FS.ErrnoError(54)}}var mount={type,opts,mountpoint,mounts:[]};var mountRoot=type.mount(mount);mountRoot.mount=mount;mount.root=mountRoot;if(root){FS.root=mountRoot}else if(node){node.mounted=mount;if(node.mount){node.mount.mounts.push(mount)}}return mountRoot},unmount(mountpoint){var lookup=FS.lookupPath(mountpoint,{follow_mount:false});if(!FS.isMountpoint(lookup.node)){throw new FS.ErrnoError(28)}var node=lookup.node;var mount=node.mounted;var mounts=FS.getMounts(mount);for(var[hash,current]of Object.entries(FS.nameTable)){while(current){var next=current.name_next;if(mounts.includes(current.mount)){FS.destroyNode(current)}current=next}}node.mounted=null;var idx=node.mount.mounts.indexOf(mount);node.mount.mounts.splice(idx,1)},lookup(parent,name){return parent.node_ops.lookup(parent,name)},mknod(path,mode,dev){var lookup=FS.lookupPath(path,{parent:true});var parent=lookup.node;var name=PATH.basename(path);if(!name){throw new FS.ErrnoError(28)}if(name==="."||name===".."){throw new FS.ErrnoError(20)}var errCode=FS.mayCreate(parent,name);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.mknod){throw new FS.ErrnoError(63)}return parent.node_ops.mknod(parent,name,mode,dev)},statfs(path){return FS.statfsNode(FS.lookupPath(path,{follow:true}).node)},statfsStream(stream){return FS.statfsNode(stream.node)},statfsNode(node){var rtn={bsize:4096,frsize:4096,blocks:1e6,bfree:5e5,bavail:5e5,files:FS.nextInode,ffree:FS.nextInode-1,fsid:42,flags:2,namelen:255};if(node.node_ops.statfs){Object.assign(rtn,node.node_ops.statfs(node.mount.opts.root))}return rtn},create(path,mode=438){mode&=4095;mode|=32768;return FS.mknod(path,mode,0)},mkdir(path,mode=511){mode&=511|512;mode|=16384;return FS.mknod(path,mode,0)},mkdirTree(path,mode){var dirs=path.split("/");var d="";for(var dir of dirs){if(!dir)continue;if(d||PATH.isAbs(path))d+="/";d+=dir;try{FS.mkdir(d,mode)}catch(e){if(e.errno!=20)throw e}}},mkdev(path,mode,dev){if(typeof dev=="undefined"){dev=mode;mode=438}mode|=8192;return FS.mknod(path,mode,dev)},symlink(oldpath,newpath){if(!PATH_FS.resolve(oldpath)){throw new FS.ErrnoError(44)}var lookup=FS.lookupPath(newpath,{parent:true});var parent=lookup.node;if(!parent){throw new FS.ErrnoError(44)}var newname=PATH.basename(newpath);var errCode=FS.mayCreate(parent,newname);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.symlink){throw new FS.ErrnoError(63)}return parent.node_ops.symlink(parent,newname,oldpath)},link(oldpath,newpath,flags){var lookup=FS.lookupPath(newpath,{parent:true});var parent=lookup.node;if(!parent){throw new FS.ErrnoError(44)}var newname=PATH.basename(newpath);var errCode=FS.mayCreate(parent,newname);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.link){throw new FS.ErrnoError(34)}return parent.node_ops.link(parent,newname,oldpath,flags)},rename(old_path,new_path){var old_dirname=PATH.dirname(old_path);var new_dirname=PATH.dirname(new_path);var old_name=PATH.basename(old_path);var new_name=PATH.basename(new_path);var lookup,old_dir,new_dir;lookup=FS.lookupPath(old_path,{parent:true});old_dir=lookup.node;lookup=FS.lookupPath(new_path,{parent:true});new_dir=lookup.node;if(!old_dir||!new_dir)throw new FS.ErrnoError(44);if(old_dir.mount!==new_dir.mount){throw new FS.ErrnoError(75)}var old_node=FS.lookupNode(old_dir,old_name);var relative=PATH_FS.relative(old_path,new_dirname);if(relative.charAt(0)!=="."){throw new FS.ErrnoError(28)}relative=PATH_FS.relative(new_path,old_dirname);if(relative.charAt(0)!=="."){throw new FS.ErrnoError(55)}var new_node;try{new_node=FS.lookupNode(new_dir,new_name)}catch(e){}if(old_node===new_node){return}var isdir=FS.isDir(old_node.mode);var errCode=FS.mayDelete(old_dir,old_name,isdir);if(errCode){throw new FS.ErrnoError(errCode)}errCode=new_node?FS.mayDelete(new_dir,new_name,isdir):FS.mayCreate(new_dir,new_name);if(errCode){throw new FS.ErrnoError(errCode)}if(!old_dir.node_ops.rename){throw new FS.ErrnoError(63)}if(FS.isMountpoint(old_node)||new_node&&FS.isMountpoint(new_node)){throw new FS.ErrnoError(10)}if(new_dir!==old_dir){errCode=FS.nodePermissions(old_dir,"w");if(errCode){throw new FS.ErrnoError(errCode)}}FS.hashRemoveNode(old_node);try{old_dir.node_ops.rename(old_node,new_dir,new_name);old_node.parent=new_dir}catch(e){throw e}finally{FS.hashAddNode(old_node)}},rmdir(path){var lookup=FS.lookupPath(path,{parent:true});var parent=lookup.node;var name=PATH.basename(path);var node=FS.lookupNode(parent,name);var errCode=FS.mayDelete(parent,name,true);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.rmdir){throw new FS.ErrnoError(63)}if(FS.isMountpoint(node)){throw new FS.ErrnoError(10)}parent.node_ops.rmdir(parent,name);FS.destroyNode(node)},readdir(path){var lookup=FS.lookupPath(path,{follow:true});var node=lookup.node;var readdir=FS.checkOpExists(node.node_ops.readdir,54);return readdir(node)},unlink(path){var lookup=FS.lookupPath(path,{parent:true});var parent=lookup.node;if(!parent){throw new FS.ErrnoError(44)}var name=PATH.basename(path);var node=FS.lookupNode(parent,name);var errCode=FS.mayDelete(parent,name,false);if(errCode){throw new FS.ErrnoError(errCode)}if(!parent.node_ops.unlink){throw new FS.ErrnoError(63)}if(FS.isMountpoint(node)){throw new FS.ErrnoError(10)}parent.node_ops.unlink(parent,name);FS.destroyNode(node)},readlink(path){var lookup=FS.lookupPath(path);var link=lookup.node;if(!link){throw new FS.ErrnoError(44)}if(!link.node_ops.readlink){throw new FS.ErrnoError(28)}return link.node_ops.readlink(link)},stat(path,dontFollow){var lookup=FS.lookupPath(path,{follow:!dontFollow});var node=lookup.node;var getattr=FS.checkOpExists(node.node_ops.getattr,63);return getattr(node)},fstat(fd){var stream=FS.getStreamChecked(fd);var node=stream.node;var getattr=stream.stream_ops.getattr;var arg=getattr?stream:node;getattr??=node.node_ops.getattr;FS.checkOpExists(getattr,63);return getattr(arg)},lstat(path){return FS.stat(path,true)},doChmod(stream,node,mode,dontFollow){FS.doSetAttr(stream,node,{mode:mode&4095|node.mode&~4095,ctime:Date.now(),dontFollow})},chmod(path,mode,dontFollow){var node;if(typeof path=="string"){var lookup=FS.lookupPath(path,{follow:!dontFollow});node=lookup.node}else{node=path}FS.doChmod(null,node,mode,dontFollow)},lchmod(path,mode){FS.chmod(path,mode,true)},fchmod(fd,mode){var stream=FS.getStreamChecked(fd);FS.doChmod(stream,stream.node,mode,false)},doChown(stream,node,dontFollow){FS.doSetAttr(stream,node,{timestamp:Date.now(),dontFollow})},chown(path,uid,gid,dontFollow){var node;if(typeof path=="string"){var lookup=FS.lookupPath(path,{follow:!dontFollow});node=lookup.node}else{node=path}FS.doChown(null,node,dontFollow)},lchown(path,uid,gid){FS.chown(path,uid,gid,true)},fchown(fd,uid,gid){var stream=FS.getStreamChecked(fd);FS.doChown(stream,stream.node,false)},doTruncate(stream,node,len){if(FS.isDir(node.mode)){throw new FS.ErrnoError(31)}if(!FS.isFile(node.mode)){throw new FS.ErrnoError(28)}var errCode=FS.nodePermissions(node,"w");if(errCode){throw new FS.ErrnoError(errCode)}FS.doSetAttr(stream,node,{size:len,timestamp:Date.now()})},truncate(path,len){if(len<0){throw new FS.ErrnoError(28)}var node;if(typeof path=="string"){var lookup=FS.lookupPath(path,{follow:true});node=lookup.node}else{node=path}FS.doTruncate(null,node,len)},ftruncate(fd,len){var stream=FS.getStreamChecked(fd);if(len<0||(stream.flags&2097155)===0){throw new FS.ErrnoError(28)}FS.doTruncate(stream,stream.node,len)},utime(path,atime,mtime,dontFollow){var lookup=FS.lookupPath(path,{follow:!dontFollow});FS.doSetAttr(null,lookup.node,{atime,mtime,dontFollow})},open(path,flags,mode=438){if(path===""){throw new FS.ErrnoError(44)}flags=FS_modeStringToFlags(flags);if(flags&64){mode=mode&4095|32768}else{mode=0}var node;var isDirPath;if(typeof path=="object"){node=path}else{isDirPath=path.endsWith("/");var lookup=FS.lookupPath(path,{follow:!(flags&131072),noent_okay:true});node=lookup.node;path=lookup.path}var created=false;if(flags&64){if(node){if(flags&128){throw new FS.ErrnoError(20)}}else if(isDirPath){throw new FS.ErrnoError(31)}else{node=FS.mknod(path,mode|511,0);created=true}}if(!node){throw new FS.ErrnoError(44)}if(FS.isChrdev(node.mode)){flags&=~512}if(flags&65536&&!FS.isDir(node.mode)){throw new FS.ErrnoError(54)}if(!created){var errCode=FS.mayOpen(node,flags);if(errCode){throw new FS.ErrnoError(errCode)}}if(flags&512&&!created){FS.truncate(node,0)}flags&=~(128|512|131072);var stream=FS.createStream({node,path:FS.getPath(node),flags,seekable:true,position:0,stream_ops:node.stream_ops,ungotten:[],error:false});if(stream.stream_ops.open){stream.stream_ops.open(stream)}if(created){FS.chmod(node,mode&511)}return stream},close(stream){if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if(stream.getdents)stream.getdents=null;stream.node?.notifyListeners(32);try{if(stream.stream_ops.close){stream.stream_ops.close(stream)}}catch(e){throw e}finally{FS.closeStream(stream.fd)}stream.fd=null},isClosed(stream){return stream.fd===null},llseek(stream,offset,whence){if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if(!stream.seekable||!stream.stream_ops.llseek){throw new FS.ErrnoError(70)}if(whence!=0&&whence!=1&&whence!=2){throw new FS.ErrnoError(28)}stream.position=stream.stream_ops.llseek(stream,offset,whence);stream.ungotten=[];return stream.position},read(stream,buffer,offset,length,position){if(length<0||position<0){throw new FS.ErrnoError(28)}if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if((stream.flags&2097155)===1){throw new FS.ErrnoError(8)}if(FS.isDir(stream.node.mode)){throw new FS.ErrnoError(31)}if(!stream.stream_ops.read){throw new FS.ErrnoError(28)}var seeking=typeof position!="undefined";if(!seeking){position=stream.position}else if(!stream.seekable){throw new FS.ErrnoError(70)}var bytesRead=stream.stream_ops.read(stream,buffer,offset,length,position);if(!seeking)stream.position+=bytesRead;return bytesRead},write(stream,buffer,offset,length,position,canOwn){if(length<0||position<0){throw new FS.ErrnoError(28)}if(FS.isClosed(stream)){throw new FS.ErrnoError(8)}if((stream.flags&2097155)===0){throw new FS.ErrnoError(8)}if(FS.isDir(stream.node.mode)){throw new FS.ErrnoError(31)}if(!stream.stream_ops.write){throw new FS.ErrnoError(28)}if(stream.seekable&&stream.flags&1024){FS.llseek(stream,0,2)}var seeking=typeof position!="undefined";if(!seeking){position=stream.position}else if(!stream.seekable){throw new FS.ErrnoError(70)}var bytesWritten=stream.stream_ops.write(stream,buffer,offset,length,position,canOwn);if(!seeking)stream.position+=bytesWritten;return bytesWritten},mmap(stream,length,position,prot,flags){if((prot&2)!==0&&(flags&2)===0&&(stream.flags&2097155)!==2){throw new FS.ErrnoError(2)}if((stream.flags&2097155)===1){throw new FS.ErrnoError(2)}if(!stream.stream_ops.mmap){throw new FS.ErrnoError(43)}if(!length){throw new FS.ErrnoError(28)}return stream.stream_ops.mmap(stream,length,position,prot,flags)},msync(stream,buffer,offset,length,mmapFlags){if(!stream.stream_ops.msync){return 0}return stream.stream_ops.msync(stream,buffer,offset,length,mmapFlags)},ioctl(stream,cmd,arg){if(!stream.stream_ops.ioctl){throw new FS.ErrnoError(59)}return stream.stream_ops.ioctl(stream,cmd,arg)},readFile(path,opts={}){opts.flags=opts.flags??0;opts.encoding=opts.encoding??"binary";if(opts.encoding!=="utf8"&&opts.encoding!=="binary"){abort(`Invalid encoding type "${opts.encoding}"`)}var stream=FS.open(path,opts.flags);var stat=FS.stat(path);var length=stat.size;var buf=new Uint8Array(length);FS.read(stream,buf,0,length,0);if(opts.encoding==="utf8"){buf=UTF8ArrayToString(buf)}FS.close(stream);return buf},writeFile(path,data,opts={}){opts.flags=opts.flags??577;var stream=FS.open(path,opts.flags,opts.mode);data=FS_fileDataToTypedArray(data);FS.write(stream,data,0,data.byteLength,undefined,opts.canOwn);FS.close(stream)},cwd:()=>FS.currentPath,chdir(path){var lookup=FS.lookupPath(path,{follow:true});if(lookup.node===null){throw new FS.ErrnoError(44)}if(!FS.isDir(lookup.node.mode)){throw new FS.ErrnoError(54)}var errCode=FS.nodePermissions(lookup.node,"x");if(errCode){throw new FS.ErrnoError(errCode)}FS.currentPath=lookup.path},createDefaultDirectories(){FS.mkdir("/tmp");FS.mkdir("/home");FS.mkdir("/home/web_user")},createDefaultDevices(){FS.mkdir("/dev");FS.registerDevice(FS.makedev(1,3),{read:()=>0,write:(stream,buffer,offset,length,pos)=>length,llseek:()=>0});FS.mkdev("/dev/null",FS.makedev(1,3));TTY.register(FS.makedev(5,0),TTY.default_tty_ops);TTY.register(FS.makedev(6,0),TTY.default_tty1_ops);FS.mkdev("/dev/tty",FS.makedev(5,0));FS.mkdev("/dev/tty1",FS.makedev(6,0));var randomBuffer=new Uint8Array(1024),randomLeft=0;var randomByte=()=>{if(randomLeft===0){randomFill(randomBuffer);randomLeft=randomBuffer.byteLength}return randomBuffer[--randomLeft]};FS.createDevice("/dev","random",randomByte);FS.createDevice("/dev","urandom",randomByte);FS.mkdir("/dev/shm");FS.mkdir("/dev/shm/tmp")},createSpecialDirectories(){FS.mkdir("/proc");var proc_self=FS.mkdir("/proc/self");FS.mkdir("/proc/self/fd");FS.mount({mount(){var node=FS.createNode(proc_self,"fd",16895,73);node.stream_ops={llseek:MEMFS.stream_ops.llseek};node.node_ops={lookup(parent,name){var fd=+name;var stream=FS.getStreamChecked(fd);var ret={parent:null,mount:{mountpoint:"fake"},node_ops:{readlink:()=>stream.path},id:fd+1};ret.parent=ret;return ret},readdir(){return Array.from(FS.streams.entries()).filter(([k,v])=>v).map(([k,v])=>k.toString())}};return node}},{},"/proc/self/fd")},createStandardStreams(input,output,error){if(input){FS.createDevice("/dev","stdin",input)}else{FS.symlink("/dev/tty","/dev/stdin")}if(output){FS.createDevice("/dev","stdout",null,output)}else{FS.symlink("/dev/tty","/dev/stdout")}if(error){FS.createDevice("/dev","stderr",null,error)}else{FS.symlink("/dev/tty1","/dev/stderr")}var stdin=FS.open("/dev/stdin",0);var stdout=FS.open("/dev/stdout",1);var stderr=FS.open("/dev/stderr",1)},staticInit(){FS.nameTable=new Array(4096);FS.mount(MEMFS,{},"/");FS.createDefaultDirectories();FS.createDefaultDevices();FS.createSpecialDirectories();FS.filesystems={MEMFS}},init(input,output,error){FS.initialized=true;input??=Module["stdin"];output??=Module["stdout"];error??=Module["stderr"];FS.createStandardStreams(input,output,error)},quit(){FS.initialized=false;for(var stream of FS.streams){if(stream){FS.close(stream)}}},findObject(path,dontResolveLastLink){var ret=FS.analyzePath(path,dontResolveLastLink);if(!ret.exists){return null}return ret.object},analyzePath(path,dontResolveLastLink){try{var lookup=FS.lookupPath(path,{follow:!dontResolveLastLink});path=lookup.path}catch(e){}var ret={isRoot:false,exists:false,error:0,name:null,path:null,object:null,parentExists:false,parentPath:null,parentObject:null};try{var lookup=FS.lookupPath(path,{parent:true});ret.parentExists=true;ret.parentPath=lookup.path;ret.parentObject=lookup.node;ret.name=PATH.basename(path);lookup=FS.lookupPath(path,{follow:!dontResolveLastLink});ret.exists=true;ret.path=lookup.path;ret.object=lookup.node;ret.name=lookup.node.name;ret.isRoot=lookup.path==="/"}catch(e){ret.error=e.errno}return ret},createPath(parent,path,canRead,canWrite){parent=typeof parent=="string"?parent:FS.getPath(parent);var parts=path.split("/").reverse();while(parts.length){var part=parts.pop();if(!part)continue;var current=PATH.join2(parent,part);try{FS.mkdir(current)}catch(e){if(e.errno!=20)throw e}parent=current}return current},createFile(parent,name,properties,canRead,canWrite){var path=PATH.join2(typeof parent=="string"?parent:FS.getPath(parent),name);var mode=FS_getMode(canRead,canWrite);return FS.create(path,mode)},createDataFile(parent,name,data,canRead,canWrite,canOwn){var path=name;if(parent){parent=typeof parent=="string"?parent:FS.getPath(parent);path=name?PATH.join2(parent,name):parent}var mode=FS_getMode(canRead,canWrite);var node=FS.create(path,mode);if(data){data=FS_fileDataToTypedArray(data);FS.chmod(node,mode|146);var stream=FS.open(node,577);FS.write(stream,data,0,data.length,0,canOwn);FS.close(stream);FS.chmod(node,mode)}},createDevice(parent,name,input,output){var path=PATH.join2(typeof parent=="string"?parent:FS.getPath(parent),name);var mode=FS_getMode(!!input,!!output);FS.createDevice.major??=64;var dev=FS.makedev(FS.createDevice.major++,0);FS.registerDevice(dev,{open(stream){stream.seekable=false},close(stream){if(output?.buffer?.length){output(10)}},read(stream,buffer,offset,length,pos){var bytesRead=0;for(var i=0;i<length;i++){var result;try{result=input()}catch(e){throw new FS.ErrnoError(29)}if(result===undefined&&bytesRead===0){throw new FS.ErrnoError(6)}if(result===null||result===undefined)break;bytesRead++;buffer[offset+i]=result}if(bytesRead){stream.node.atime=Date.now()}return bytesRead},write(stream,buffer,offset,length,pos){for(var i=0;i<length;i++){try{output(buffer[offset+i])}catch(e){throw new FS.ErrnoError(29)}}if(length){stream.node.mtime=stream.node.ctime=Date.now()}return i}});return FS.mkdev(path,mode,dev)},forceLoadFile(obj){if(obj.isDevice||obj.isFolder||obj.link||obj.contents)return true;if(globalThis.XMLHttpRequest){abort("Lazy loading should have been performed (contents set) in createLazyFile, but it was not. Lazy loading only works in web workers. Use --embed-file or --preload-file in emcc on the main thread.")}else{try{obj.contents=readBinary(obj.url)}catch(e){throw new FS.ErrnoError(29)}}},createLazyFile(parent,name,url,canRead,canWrite){class LazyUint8Array{lengthKnown=false;chunks=[];get(idx){if(idx>this.length-1||idx<0){return undefined}var chunkOffset=idx%this.chunkSize;var chunkNum=idx/this.chunkSize|0;return this.getter(chunkNum)[chunkOffset]}setDataGetter(getter){this.getter=getter}cacheLength(){var xhr=new XMLHttpRequest;xhr.open("HEAD",url,false);xhr.send(null);if(!(xhr.status>=200&&xhr.status<300||xhr.status===304))abort("Couldn't load "+url+". Status: "+xhr.status);var datalength=Number(xhr.getResponseHeader("Content-length"));var header;var hasByteServing=(header=xhr.getResponseHeader("Accept-Ranges"))&&header==="bytes";var usesGzip=(header=xhr.getResponseHeader("Content-Encoding"))&&header==="gzip";var chunkSize=1024*1024;if(!hasByteServing)chunkSize=datalength;var doXHR=(from,to)=>{if(from>to)abort(`invalid range (${from}, ${to}) or no bytes requested!`);if(to>datalength-1)abort(`only ${datalength} bytes available! programmer error!`);var xhr=new XMLHttpRequest;xhr.open("GET",url,false);if(datalength!==chunkSize)xhr.setRequestHeader("Range","bytes="+from+"-"+to);xhr.responseType="arraybuffer";if(xhr.overrideMimeType){xhr.overrideMimeType("text/plain; charset=x-user-defined")}xhr.send(null);if(!(xhr.status>=200&&xhr.status<300||xhr.status===304))abort("Couldn't load "+url+". Status: "+xhr.status);if(xhr.response!==undefined){return new Uint8Array(xhr.response||[])}return intArrayFromString(xhr.responseText??"",true)};var lazyArray=this;lazyArray.setDataGetter(chunkNum=>{var start=chunkNum*chunkSize;var end=(chunkNum+1)*chunkSize-1;end=Math.min(end,datalength-1);if(typeof lazyArray.chunks[chunkNum]=="undefined"){lazyArray.chunks[chunkNum]=doXHR(start,end)}if(typeof lazyArray.chunks[chunkNum]=="undefined")abort("doXHR failed!");return lazyArray.chunks[chunkNum]});if(usesGzip||!datalength){chunkSize=datalength=1;datalength=this.getter(0).length;chunkSize=datalength;out("LazyFiles on gzip forces download of the whole file when length is accessed")}this._length=datalength;this._chunkSize=chunkSize;this.lengthKnown=true}get length(){if(!this.lengthKnown){this.cacheLength()}return this._length}get chunkSize(){if(!this.lengthKnown){this.cacheLength()}return this._chunkSize}}if(globalThis.XMLHttpRequest){if(!ENVIRONMENT_IS_WORKER)abort("Cannot do synchronous binary XHRs outside webworkers in modern browsers. Use --embed-file or --preload-file in emcc");var lazyArray=new LazyUint8Array;var properties={isDevice:false,contents:lazyArray}}else{var properties={isDevice:false,url}}var node=FS.createFile(parent,name,properties,canRead,canWrite);if(properties.contents){node.contents=properties.contents}else if(properties.url){node.contents=null;node.url=properties.url}Object.defineProperties(node,{usedBytes:{get:function(){return this.contents.length}}});var stream_ops={};for(const[key,fn]of Object.entries(node.stream_ops)){stream_ops[key]=(...args)=>{FS.forceLoadFile(node);return fn(...args)}}function writeChunks(stream,buffer,offset,length,position){var contents=stream.node.contents;if(position>=contents.length)return 0;var size=Math.min(contents.length-position,length);if(contents.slice){for(var i=0;i<size;i++){buffer[offset+i]=contents[position+i]}}else{for(var i=0;i<size;i++){buffer[offset+i]=contents.get(position+i)}}return size}stream_ops.read=(stream,buffer,offset,length,position)=>{FS.forceLoadFile(node);return writeChunks(stream,buffer,offset,length,position)};stream_ops.mmap=(stream,length,position,prot,flags)=>{FS.forceLoadFile(node);var ptr=mmapAlloc(length);if(!ptr){throw new FS.ErrnoError(48)}writeChunks(stream,HEAP8,ptr,length,position);return{ptr,allocated:true}};node.stream_ops=stream_ops;return node}};var SYSCALLS={currentUmask:18,calculateAt(dirfd,path,allowEmpty){if(PATH.isAbs(path)){return path}var dir;if(dirfd===-100){dir=FS.cwd()}else{var dirstream=SYSCALLS.getStreamFromFD(dirfd);dir=dirstream.path}if(path.length==0){if(!allowEmpty){throw new FS.ErrnoError(44)}return dir}return dir+"/"+path},writeStat(buf,stat){HEAPU32[buf>>2]=stat.dev;HEAPU32[buf+4>>2]=stat.mode;HEAPU32[buf+8>>2]=stat.nlink;HEAPU32[buf+12>>2]=stat.uid;HEAPU32[buf+16>>2]=stat.gid;HEAPU32[buf+20>>2]=stat.rdev;HEAP64[buf+24>>3]=BigInt(stat.size);HEAP32[buf+32>>2]=4096;HEAP32[buf+36>>2]=stat.blocks;var atime=stat.atime.getTime();var mtime=stat.mtime.getTime();var ctime=stat.ctime.getTime();HEAP64[buf+40>>3]=BigInt(Math.floor(atime/1e3));HEAPU32[buf+48>>2]=atime%1e3*1e3*1e3;HEAP64[buf+56>>3]=BigInt(Math.floor(mtime/1e3));HEAPU32[buf+64>>2]=mtime%1e3*1e3*1e3;HEAP64[buf+72>>3]=BigInt(Math.floor(ctime/1e3));HEAPU32[buf+80>>2]=ctime%1e3*1e3*1e3;HEAP64[buf+88>>3]=BigInt(stat.ino);return 0},writeStatFs(buf,stats){HEAPU32[buf+4>>2]=stats.bsize;HEAPU32[buf+60>>2]=stats.bsize;HEAP64[buf+8>>3]=BigInt(stats.blocks);HEAP64[buf+16>>3]=BigInt(stats.bfree);HEAP64[buf+24>>3]=BigInt(stats.bavail);HEAP64[buf+32>>3]=BigInt(stats.files);HEAP64[buf+40>>3]=BigInt(stats.ffree);HEAPU32[buf+48>>2]=stats.fsid;HEAPU32[buf+64>>2]=stats.flags;HEAPU32[buf+56>>2]=stats.namelen},doMsync(addr,stream,len,flags,offset){if(!FS.isFile(stream.node.mode)){throw new FS.ErrnoError(43)}if(flags&2){return 0}var buffer=HEAPU8.subarray(addr,addr+len);FS.msync(stream,buffer,offset,len,flags)},getStreamFromFD(fd){var stream=FS.getStreamChecked(fd);return stream},varargs:undefined,getStr(ptr){var ret=UTF8ToString(ptr);return ret}};function _fd_close(fd){try{var stream=SYSCALLS.getStreamFromFD(fd);FS.close(stream);return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var doReadv=(stream,iov,iovcnt,offset)=>{var ret=0;for(var i=0;i<iovcnt;i++){var ptr=HEAPU32[iov>>2];var len=HEAPU32[iov+4>>2];iov+=8;try{var curr=FS.read(stream,HEAP8,ptr,len,offset)}catch(e){if(ret>0&&e instanceof FS.ErrnoError&&(e.errno==6||e.errno==6)){break}throw e}if(curr<0)return-1;ret+=curr;if(curr<len)break;if(typeof offset!="undefined"){offset+=curr}}return ret};function _fd_read(fd,iov,iovcnt,pnum){try{var stream=SYSCALLS.getStreamFromFD(fd);var num=doReadv(stream,iov,iovcnt);HEAPU32[pnum>>2]=num;return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var INT53_MAX=9007199254740992;var INT53_MIN=-9007199254740992;var bigintToI53Checked=num=>num<INT53_MIN||num>INT53_MAX?NaN:Number(num);function _fd_seek(fd,offset,whence,newOffset){offset=bigintToI53Checked(offset);try{if(isNaN(offset))return 22;var stream=SYSCALLS.getStreamFromFD(fd);FS.llseek(stream,offset,whence);HEAP64[newOffset>>3]=BigInt(stream.position);if(stream.getdents&&offset===0&&whence===0)stream.getdents=null;return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var doWritev=(stream,iov,iovcnt,offset)=>{if(iovcnt==1){return FS.write(stream,HEAP8,HEAPU32[iov>>2],HEAPU32[iov+4>>2],offset)}var total=0;for(var i=0,p=iov;i<iovcnt;i++,p+=8){total+=HEAPU32[p+4>>2]}var view=new Uint8Array(total);var voff=0;for(var i=0;i<iovcnt;i++,iov+=8){var ptr=HEAPU32[iov>>2];var len=HEAPU32[iov+4>>2];view.set(HEAPU8.subarray(ptr,ptr+len),voff);voff+=len}return FS.write(stream,view,0,total,offset)};function _fd_write(fd,iov,iovcnt,pnum){try{var stream=SYSCALLS.getStreamFromFD(fd);var num=doWritev(stream,iov,iovcnt);HEAPU32[pnum>>2]=num;return 0}catch(e){if(typeof FS=="undefined"||!(e.name==="ErrnoError"))throw e;return e.errno}}var wasmTableMirror=[];var getWasmTableEntry=funcPtr=>{var func=wasmTableMirror[funcPtr];if(!func){wasmTableMirror[funcPtr]=func=wasmTable.get(funcPtr)}return func};var stringToUTF8=(str,outPtr,maxBytesToWrite)=>stringToUTF8Array(str,HEAPU8,outPtr,maxBytesToWrite);FS.createPreloadedFile=FS_createPreloadedFile;FS.preloadFile=FS_preloadFile;FS.staticInit();{if(Module["noExitRuntime"])noExitRuntime=Module["noExitRuntime"];if(Module["print"])out=Module["print"];if(Module["printErr"])err=Module["printErr"];if(Module["arguments"])programArgs=Module["arguments"];if(Module["thisProgram"])thisProgram=Module["thisProgram"];var preInit=Module["preInit"];if(preInit){if(typeof preInit=="function")Module["preInit"]=preInit=[preInit];while(preInit.length>0){preInit.shift()()}}}Module["getValue"]=getValue;Module["UTF8ToString"]=UTF8ToString;Module["stringToUTF8"]=stringToUTF8;Module["lengthBytesUTF8"]=lengthBytesUTF8;var _wasm_parse_query,_malloc,_free,_wasm_parse_query_raw,_wasm_free_parse_result,_wasm_parse_plpgsql,_wasm_fingerprint,_wasm_normalize_query,_wasm_parse_query_detailed,_wasm_free_detailed_result,_wasm_scan,_wasm_free_string,__emscripten_timeout,_setThrew,__emscripten_stack_restore,_emscripten_stack_get_current,memory,__indirect_function_table,wasmMemory,wasmTable;function assignWasmExports(wasmExports){_wasm_parse_query=Module["_wasm_parse_query"]=wasmExports["B"];_malloc=Module["_malloc"]=wasmExports["C"];_free=Module["_free"]=wasmExports["E"];_wasm_parse_query_raw=Module["_wasm_parse_query_raw"]=wasmExports["F"];_wasm_free_parse_result=Module["_wasm_free_parse_result"]=wasmExports["G"];_wasm_parse_plpgsql=Module["_wasm_parse_plpgsql"]=wasmExports["H"];_wasm_fingerprint=Module["_wasm_fingerprint"]=wasmExports["I"];_wasm_normalize_query=Module["_wasm_normalize_query"]=wasmExports["J"];_wasm_parse_query_detailed=Module["_wasm_parse_query_detailed"]=wasmExports["K"];_wasm_free_detailed_result=Module["_wasm_free_detailed_result"]=wasmExports["L"];_wasm_scan=Module["_wasm_scan"]=wasmExports["M"];_wasm_free_string=Module["_wasm_free_string"]=wasmExports["N"];__emscripten_timeout=wasmExports["O"];_setThrew=wasmExports["P"];__emscripten_stack_restore=wasmExports["Q"];_emscripten_stack_get_current=wasmExports["R"];memory=wasmMemory=wasmExports["z"];__indirect_function_table=wasmTable=wasmExports["D"]}var wasmImports={c:___assert_fail,x:__abort_js,w:__emscripten_runtime_keepalive_clear,p:__emscripten_throw_longjmp,o:__setitimer_js,q:_emscripten_resize_heap,m:_exit,u:_fd_close,r:_fd_read,s:_fd_seek,t:_fd_write,g:invoke_i,b:invoke_ii,a:invoke_iii,d:invoke_iiii,k:invoke_iiiii,l:invoke_ji,e:invoke_v,f:invoke_vi,h:invoke_vii,j:invoke_viii,i:invoke_viiii,y:invoke_viiiii,n:invoke_viiiiiiiiiiiii,v:_proc_exit};function invoke_iii(index,a1,a2){var sp=stackSave();try{return getWasmTableEntry(index)(a1,a2)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_ii(index,a1){var sp=stackSave();try{return getWasmTableEntry(index)(a1)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_i(index){var sp=stackSave();try{return getWasmTableEntry(index)()}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_v(index){var sp=stackSave();try{getWasmTableEntry(index)()}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_iiii(index,a1,a2,a3){var sp=stackSave();try{return getWasmTableEntry(index)(a1,a2,a3)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viiii(index,a1,a2,a3,a4){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3,a4)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viiiiiiiiiiiii(index,a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3,a4,a5,a6,a7,a8,a9,a10,a11,a12,a13)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_iiiii(index,a1,a2,a3,a4){var sp=stackSave();try{return getWasmTableEntry(index)(a1,a2,a3,a4)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viii(index,a1,a2,a3){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_vi(index,a1){var sp=stackSave();try{getWasmTableEntry(index)(a1)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_vii(index,a1,a2){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_viiiii(index,a1,a2,a3,a4,a5){var sp=stackSave();try{getWasmTableEntry(index)(a1,a2,a3,a4,a5)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0)}}function invoke_ji(index,a1){var sp=stackSave();try{return getWasmTableEntry(index)(a1)}catch(e){stackRestore(sp);if(!(e instanceof EmscriptenEH))throw e;_setThrew(1,0);return 0n}}async function run(){preRun();if(runDependencies){await resolveRunDependencies()}var setStatus=Module["setStatus"];if(setStatus){setStatus("Running...");await new Promise(resolve=>setTimeout(resolve,1));setTimeout(setStatus,1,"")}if(ABORT)return;initRuntime();Module["onRuntimeInitialized"]?.();postRun()}var wasmExports;wasmExports=await createWasm();await run();
;return Module}})();if(true){module.exports=PgQueryModule;module.exports["default"]=PgQueryModule}else {}


/***/ }),

/***/ 2827:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _foundation_process_settings_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7454);
/* harmony import */ var _cli_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7170);


process.exitCode = await (0,_cli_js__WEBPACK_IMPORTED_MODULE_1__/* .main */ .i)(process.argv.slice(2));

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 7170:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  i: () => (/* binding */ main)
});

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __nccwpck_require__(7975);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __nccwpck_require__(358);
// EXTERNAL MODULE: ./src/model/commands.ts
var model_commands = __nccwpck_require__(2727);
// EXTERNAL MODULE: ./src/config/inputs-spec.ts
var inputs_spec = __nccwpck_require__(5725);
;// CONCATENATED MODULE: ./src/config/suggest.ts
/**
 * The candidate a mistyped word most likely meant: the nearest by edit distance (insertions, deletions,
 * substitutions and swaps of neighbours), if it is within a third of the word's length, at least 1 and at most 3;
 * or the one candidate the word starts, or that starts with it. Undefined when nothing is that close.
 */
function closest(word, candidates) {
    const w = word.toLowerCase();
    const limit = Math.min(3, Math.max(1, Math.floor(w.length / 3)));
    let best;
    for (const c of candidates) {
        const d = distance(w, c.toLowerCase());
        if (d <= limit && (!best || d < best.d))
            best = { c, d };
    }
    if (best)
        return best.c;
    const prefixed = candidates.filter((c) => c.startsWith(w) || w.startsWith(c));
    return prefixed.length === 1 ? prefixed[0] : undefined;
}
/** Optimal string alignment distance: Levenshtein's, with a swap of two neighbours counting as one edit. */
function distance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++)
        d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.length][b.length];
}

;// CONCATENATED MODULE: ./src/config/cli-args.ts






/** The CLI's own flags, beside the inputs: for every command, `yes` for those that change a database. */
const OWN_FLAGS = {
    format: { flag: { type: 'string' }, value: 'text|json|markdown', help: 'output format (default: text)' },
    'report-path': { flag: { type: 'string' }, value: '<file>', help: 'also write the JSON report to this file' },
    yes: {
        flag: { type: 'boolean', short: 'y' },
        help: 'change the database without asking (needed when there is no terminal)',
        only: (c) => model_commands/* COMMAND_INFO */.v[c].writes,
    },
    debug: { flag: { type: 'boolean' }, help: 'put stack traces of unexpected errors in the report' },
    help: { flag: { type: 'boolean', short: 'h' }, help: "show this command's help" },
};
const inputsOf = (command) => Object.keys(inputs_spec/* INPUT_SPECS */.a6).filter((n) => (0,inputs_spec/* inputSpec */.mm)(n).commands.includes(command));
/** The CLI's own flags a command's help lists: --yes where it changes a database, though every command takes it (scripts pass it to all). */
const ownFlagsOf = (command) => Object.keys(OWN_FLAGS).filter((n) => OWN_FLAGS[n].only?.(command) ?? true);
/** The flags a command takes: the inputs it reads, then the CLI's own. */
function flagsOf(command) {
    const inputs = inputsOf(command).map((n) => [n, { type: 'value' in (0,inputs_spec/* inputSpec */.mm)(n) ? 'string' : 'boolean' }]);
    return Object.fromEntries([...inputs, ...Object.keys(OWN_FLAGS).map((n) => [n, OWN_FLAGS[n].flag])]);
}
const EXIT_CODES = 'Exit codes: 0 success, 1 failed, 2 usage or configuration error, 130 cancelled (SIGINT, SIGTERM).';
/** The CLI's help: the commands from the one table every door reads; or one command's, with only its flags. */
function usage(command) {
    if (!command) {
        const commands = model_commands/* COMMANDS */.L.map((name) => `  ${name.padEnd(9)} ${model_commands/* COMMAND_INFO */.v[name].summary}`);
        return [
            'Usage: pg-migration-gate <command> [options]',
            '',
            'Commands:',
            ...commands,
            '',
            "pg-migration-gate <command> --help (or pg-migration-gate help <command>) lists a command's options;",
            'each is an input of the action, under the same name.',
            '  --version                     print the version',
            '  -h, --help                    show this help',
            '',
            EXIT_CODES,
        ].join('\n');
    }
    const line = (flag, help) => flag.length < 29 ? `  ${flag.padEnd(29)} ${help}` : `  ${flag}\n  ${' '.repeat(29)} ${help}`;
    const sections = Object.keys(inputs_spec/* INPUT_GROUPS */.ak).flatMap((group) => {
        const names = inputsOf(command).filter((n) => (0,inputs_spec/* inputSpec */.mm)(n).group === group);
        if (!names.length)
            return [];
        return [
            '',
            `${inputs_spec/* INPUT_GROUPS */.ak[group]}:`,
            ...names.map((n) => line(`--${n}${'value' in (0,inputs_spec/* inputSpec */.mm)(n) ? ` ${(0,inputs_spec/* inputSpec */.mm)(n).value}` : ''}`, (0,inputs_spec/* inputSpec */.mm)(n).help)),
        ];
    });
    const own = ownFlagsOf(command).map((n) => {
        const { flag, value, help } = OWN_FLAGS[n];
        return line(`${flag.short ? `-${flag.short}, ` : ''}--${n}${value ? ` ${value}` : ''}`, help);
    });
    const files = command === 'lint' ? ' [file.sql ...]' : '';
    return [
        `Usage: pg-migration-gate ${command} [options]${files}`,
        '',
        model_commands/* COMMAND_INFO */.v[command].summary,
        ...sections,
        '',
        'Output and the run:',
        ...own,
        '',
        EXIT_CODES,
    ].join('\n');
}
/** A flag the command does not take, said with what was likely meant. */
function unknownFlag(command, written) {
    const name = written.replace(/^--?/, '').split('=')[0];
    const takenBy = model_commands/* COMMANDS */.L.filter((c) => c !== command && name in flagsOf(c));
    if (takenBy.length)
        return `--${name} is not an option of ${command}: ${takenBy.join(', ')} ${takenBy.length === 1 ? 'takes' : 'take'} it; run pg-migration-gate ${command} --help`;
    const guess = closest(name, Object.keys(flagsOf(command)));
    return `unknown option ${written} for ${command}${guess ? `: did you mean --${guess}?` : ''}; run pg-migration-gate ${command} --help`;
}
/** The command named first, or the help or version asked for instead. */
function commandOf(first, next) {
    if (first === undefined || first === '--help' || first === '-h')
        return { help: 'all' };
    if (first === '--version' || first === '-V')
        return { version: true };
    if (first === 'help') {
        const of = next === undefined || next === 'help' ? undefined : commandOf(next, undefined);
        return { help: typeof of === 'string' ? of : 'all' };
    }
    if (first.startsWith('-'))
        throw new errors/* InputError */.dz([
            `the command comes first: pg-migration-gate <command> [options] (${first} came before it); run pg-migration-gate --help`,
        ]);
    if (!model_commands/* COMMANDS */.L.includes(first)) {
        const guess = closest(first, [...model_commands/* COMMANDS */.L, 'help']);
        throw new errors/* InputError */.dz([
            `command: '${first}' is not one of ${model_commands/* COMMANDS */.L.join(', ')}${guess ? `: did you mean ${guess}?` : ''}; run pg-migration-gate --help`,
        ]);
    }
    return first;
}
/** Parses argv (without node and script) into the same raw config the action reads from its inputs. */
function parseCliArgs(argv, env) {
    const appliedBy = `cli:${(0,external_node_os_.userInfo)().username}@${(0,external_node_os_.hostname)()}`;
    const none = { raw: {}, format: 'text', files: [], version: false, yes: false, debug: false, appliedBy };
    const found = commandOf(argv[0], argv[1]);
    if (typeof found !== 'string')
        return { ...none, ...found };
    const command = found;
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({
            args: argv.slice(1),
            allowPositionals: command === 'lint',
            strict: true,
            options: flagsOf(command),
        });
    }
    catch (err) {
        const { code, message } = err;
        const written = /'([^']+)'/.exec(message)?.[1] ?? '';
        if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
            throw new errors/* InputError */.dz([unknownFlag(command, written)], { cause: err });
        if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
            throw new errors/* InputError */.dz([`${command} takes options only, not '${written}'; run pg-migration-gate ${command} --help`], { cause: err });
        throw new errors/* InputError */.dz([`${message}; run pg-migration-gate ${command} --help`], { cause: err });
    }
    const values = parsed.values;
    const raw = { command };
    for (const name of inputsOf(command)) {
        const v = values[name];
        if (v !== undefined)
            raw[name] = String(v);
    }
    raw['database-url'] ??= env.DATABASE_URL;
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json' && format !== 'markdown')
        throw new errors/* InputError */.dz([`--format: '${format}' must be text, json or markdown`]);
    return {
        raw,
        format,
        reportPath: values['report-path'],
        files: parsed.positionals,
        ...(values.help === true ? { help: command } : {}),
        version: false,
        yes: values.yes === true,
        debug: values.debug === true,
        appliedBy,
    };
}

// EXTERNAL MODULE: ./src/connection/conn-string.ts
var conn_string = __nccwpck_require__(864);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./src/connection/defaults.ts
var defaults = __nccwpck_require__(1844);
// EXTERNAL MODULE: ./src/connection/keywords.ts
var keywords = __nccwpck_require__(8310);
;// CONCATENATED MODULE: ./src/connection/passfile.ts


/** One field of a password file line: `\:` and `\\` are escapes, `*` matches anything. */
function fields(line) {
    const out = [''];
    for (let i = 0; i < line.length; i++) {
        if (line[i] === '\\' && i + 1 < line.length)
            out[out.length - 1] += line[++i];
        else if (line[i] === ':' && out.length < 5)
            out.push('');
        else
            out[out.length - 1] += line[i];
    }
    return out;
}
/**
 * The password libpq would take from a password file (~/.pgpass, passfile, PGPASSFILE) for these parameters:
 * the first line whose host, port, database and user match (`*` matches any), for parameters with their
 * defaults filled in. Like libpq, a file that others may read is ignored.
 */
function passwordFromFile(file, p) {
    if (!(0,external_node_fs_.existsSync)(file) || !(0,external_node_fs_.statSync)(file).isFile())
        return undefined;
    if (process.platform !== 'win32' && (0,external_node_fs_.statSync)(file).mode & 0o077)
        return undefined;
    // libpq: `localhost` also matches its default socket folder; another folder is matched by its path.
    const host = !p.host || defaults/* DEFAULT_SOCKET_DIRS */.$m.includes(p.host) ? (p.host ? 'localhost' : p.hostaddr || 'localhost') : p.host;
    const want = [host, p.port || '5432', p.dbname ?? p.user ?? '', p.user ?? ''];
    for (const line of (0,external_node_fs_.readFileSync)(file, 'utf8').split(/\r?\n/)) {
        if (!line || line.startsWith('#'))
            continue;
        const f = fields(line);
        if (f.length < 5)
            continue;
        if (want.every((w, i) => f[i] === '*' || f[i] === w))
            return f[4];
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/connection/service-file.ts




/** The parameters of `[service]` in an INI-style service file, or undefined when the file has no such section. */
function section(file, service) {
    if (!(0,external_node_fs_.existsSync)(file))
        return undefined;
    let inside = false;
    let found;
    for (const [i, raw] of (0,external_node_fs_.readFileSync)(file, 'utf8').split(/\r?\n/).entries()) {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            continue;
        const header = /^\[(.*)\]$/.exec(line);
        if (header) {
            if (found)
                break;
            inside = header[1] === service;
            if (inside)
                found = {};
            continue;
        }
        if (!inside || !found)
            continue;
        const eq = line.indexOf('=');
        if (eq < 0)
            throw new conn_string/* ConnStringError */.kF(`service file ${file}, line ${i + 1}: not a key=value line`);
        // As libpq reads it: the key is everything before the first = (so `host = x` is no keyword), the value all
        // after it, and the first line for a key wins.
        const key = line.slice(0, eq);
        if (key === 'service')
            throw new conn_string/* ConnStringError */.kF(`service file ${file}, line ${i + 1}: a service cannot name another service`);
        if (!keywords/* KEYWORDS */.d6[key])
            throw new conn_string/* ConnStringError */.kF(`service file ${file}, line ${i + 1}: syntax error (write keyword=value, with no space before the =)`);
        found[key] ??= line.slice(eq + 1);
    }
    return found;
}
/**
 * A service's parameters as libpq finds them: in PGSERVICEFILE (or ~/.pg_service.conf), then in
 * PGSYSCONFDIR/pg_service.conf. A service defined nowhere is an error naming the files looked at.
 */
function serviceParams(service, env, home) {
    const files = [
        env.PGSERVICEFILE ?? (home ? (0,external_node_path_.join)(home, '.pg_service.conf') : undefined),
        (0,external_node_path_.join)(env.PGSYSCONFDIR ?? '/etc/postgresql-common', 'pg_service.conf'),
    ].filter((f) => !!f);
    for (const file of files) {
        const params = section(file, service);
        if (params)
            return params;
    }
    throw new conn_string/* ConnStringError */.kF(`service "${service}" is defined in none of ${files.join(', ')}`);
}

// EXTERNAL MODULE: ./src/connection/url.ts
var url = __nccwpck_require__(7277);
;// CONCATENATED MODULE: ./src/connection/resolve.ts









/** Where OpenSSL keeps the system's trusted roots on common systems (sslrootcert=system); SSL_CERT_FILE first. */
const SYSTEM_BUNDLES = [
    '/etc/ssl/certs/ca-certificates.crt',
    '/etc/pki/tls/certs/ca-bundle.crt',
    '/etc/ssl/ca-bundle.pem',
    '/etc/ssl/cert.pem',
    '/opt/homebrew/etc/openssl@3/cert.pem',
    '/usr/local/etc/openssl@3/cert.pem',
];
const fileExists = (path) => (0,external_node_fs_.existsSync)(path) && (0,external_node_fs_.statSync)(path).isFile();
/**
 * The connection libpq would make from `text` in environment `env`: the string's own parameters, then a service
 * file's (service, PGSERVICE), then PG* variables, then the password file and the default files under
 * ~/.postgresql, as libpq fills them in. File names become absolute; sslrootcert=system becomes the system's
 * bundle (and sslmode defaults to verify-full, as in libpq 16). Throws ConnStringError for what libpq would refuse
 * and for TLS settings that cannot work (verify-* without a CA file).
 */
function resolveConnString(text, env) {
    const given = (0,conn_string/* parseConnString */.Rr)(text);
    const home = env.HOME || (0,external_node_os_.homedir)();
    const service = given.service ?? env.PGSERVICE;
    const fromService = service ? serviceParams(service, env, home) : {};
    (0,conn_string/* checkParams */.N8)(fromService);
    const p = { ...fromService, ...given };
    delete p.service;
    for (const [key, kw] of Object.entries(keywords/* KEYWORDS */.d6)) {
        if (p[key] === undefined && kw.env && env[kw.env] !== undefined && env[kw.env] !== '' && key !== 'service')
            p[key] = env[kw.env];
    }
    if (p.sslmode === undefined && env.PGREQUIRESSL === '1')
        p.sslmode = 'require';
    (0,conn_string/* checkParams */.N8)(p);
    Object.assign(p, (0,defaults/* withDefaults */.rO)(p));
    for (const key of ['sslrootcert', 'sslcert', 'sslkey', 'sslcrl', 'passfile']) {
        if (p[key] && p[key] !== 'system' && !(0,external_node_path_.isAbsolute)(p[key]))
            p[key] = (0,external_node_path_.resolve)(p[key]);
    }
    const dotPostgresql = (name) => (home ? (0,external_node_path_.join)(home, '.postgresql', name) : undefined);
    const defaultFile = (key, name) => {
        const path = dotPostgresql(name);
        if (p[key] === undefined && path && fileExists(path))
            p[key] = path;
    };
    if (p.sslmode !== 'disable') {
        defaultFile('sslrootcert', 'root.crt');
        defaultFile('sslcrl', 'root.crl');
        defaultFile('sslcert', 'postgresql.crt');
        defaultFile('sslkey', 'postgresql.key');
    }
    resolveRootCert(p, env);
    // A client certificate whose key is missing or open to others is not refused here: libpq fails only the TLS
    // attempt, and sslmode=prefer then connects in the clear (connect() does the same).
    if (p.password === undefined) {
        const file = p.passfile ?? (home ? (0,external_node_path_.join)(home, '.pgpass') : undefined);
        const found = file ? passwordFromFile(file, p) : undefined;
        if (found !== undefined)
            p.password = found;
    }
    delete p.passfile;
    return { url: (0,url.toUrl)(p), secrets: [p.password, p.sslpassword].filter((x) => !!x) };
}
/** sslrootcert as libpq reads it: `system` is the system's trusted roots and needs verify-full; verify-* needs a file. */
function resolveRootCert(p, env) {
    if (p.sslrootcert === 'system') {
        if (p.sslmode === undefined)
            p.sslmode = 'verify-full';
        if (p.sslmode !== 'verify-full') {
            throw new conn_string/* ConnStringError */.kF(`sslrootcert=system needs sslmode=verify-full (as libpq 16 and later require): with sslmode=${p.sslmode} any certificate a public CA signed for anyone would do`);
        }
        const bundle = [env.SSL_CERT_FILE, ...SYSTEM_BUNDLES].find((f) => f && fileExists(f));
        if (!bundle)
            throw new conn_string/* ConnStringError */.kF(`sslrootcert=system: no system CA bundle found (looked at SSL_CERT_FILE and ${SYSTEM_BUNDLES.join(', ')}); set sslrootcert to your provider's CA file`);
        p.sslrootcert = bundle;
        return;
    }
    if (!p.sslmode?.startsWith('verify-'))
        return;
    if (!p.sslrootcert) {
        throw new conn_string/* ConnStringError */.kF(`sslmode=${p.sslmode} checks the server's certificate against a CA, and none is named: set sslrootcert=/path/to/ca.pem (your provider's CA bundle), sslrootcert=system for a publicly trusted certificate, or put the CA in ~/.postgresql/root.crt`);
    }
    if (!fileExists(p.sslrootcert))
        throw new conn_string/* ConnStringError */.kF(`sslrootcert: the CA file ${p.sslrootcert} does not exist; sslmode=${p.sslmode} cannot check the server without it`);
}

;// CONCATENATED MODULE: ./src/foundation/redact.ts
/**
 * Replaces every password of a postgres URL (`user:pw@`) or conninfo string (`password=pw`, also as a URL query
 * parameter), and every known secret, with `***`.
 */
function redact(text, secrets = []) {
    let out = text.replace(/(postgres(?:ql)?:\/\/[^:/?#@\s]*:)[^@\s]*@/gi, '$1***@');
    out = out.replace(/(password\s*=\s*)(?:'(?:[^'\\]|\\.)*'|[^\s&#'"]+)/gi, '$1***');
    for (const s of secrets)
        if (s)
            out = out.split(s).join('***');
    return out;
}
function decoded(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}
/**
 * The passwords of a postgres URL, from both places libpq reads them: the user info (`user:pw@`) and `password`
 * query parameters; when there are several, libpq uses the last. `url` is the URL without them. Parsed as libpq
 * parses, not with WHATWG URL, so that no URL libpq accepts keeps its password out of reach.
 */
function urlPasswords(url) {
    const passwords = [];
    const m = /^(postgres(?:ql)?:\/\/)(?:([^@/]*)@)?([^?]*)(?:\?(.*))?$/is.exec(url);
    if (!m)
        return { url, passwords };
    const [, scheme, userInfo, rest, query] = m;
    let user = userInfo;
    if (userInfo?.includes(':')) {
        const written = userInfo.slice(userInfo.indexOf(':') + 1);
        user = userInfo.slice(0, userInfo.indexOf(':'));
        if (written)
            passwords.push({ value: decoded(written), written });
    }
    const params = (query ?? '').split('&').filter((p) => {
        const [key, written = ''] = p.split(/=(.*)/s);
        if (decoded(key) !== 'password')
            return true;
        if (written)
            passwords.push({ value: decoded(written), written });
        return false;
    });
    const kept = params.filter(Boolean).join('&');
    return { url: `${scheme}${user ? `${user}@` : ''}${rest}${kept ? `?${kept}` : ''}`, passwords };
}

;// CONCATENATED MODULE: ./src/config/database-url.ts



/** `password=…` and `sslpassword=…` as written in a key=value string, quoted or not: secrets even when it does not parse. */
function keywordPasswords(input) {
    return [...input.matchAll(/(?:^|\s)(?:ssl)?password\s*=\s*(?:'((?:[^'\\]|\\.)*)'|(\S+))/g)].flatMap((m) => m[1] !== undefined ? [m[1], m[1].replace(/\\(.)/g, '$1')] : [m[2]]);
}
/**
 * database-url as libpq reads it in environment `env` (PG* variables, service and password files, the default
 * files under ~/.postgresql), spelled out in full so that every part of a run connects the same way; and every
 * password involved, in every form it may be printed, found even in a string that does not parse. A string libpq
 * would refuse, or this product cannot honour, is a problem naming database-url.
 */
function database_url_databaseUrl(input, env, problems) {
    if (!input)
        return { passwords: [] };
    const forms = (p) => [p, encodeURIComponent(p)];
    const passwords = [
        ...urlPasswords(input).passwords.flatMap((p) => [p.value, p.written, encodeURIComponent(p.value)]),
        ...keywordPasswords(input),
    ];
    try {
        const resolved = resolveConnString(input, env);
        passwords.push(...resolved.secrets.flatMap(forms));
        return { databaseUrl: resolved.url, passwords };
    }
    catch (err) {
        if (!(err instanceof conn_string/* ConnStringError */.kF))
            throw err;
        problems.push(`database-url: ${err.message}`);
        return { passwords };
    }
}

;// CONCATENATED MODULE: ./src/config/recipients.ts
/** Public keys a backup may be encrypted to: age's X25519 recipients (age1…). */
function parseRecipients(value) {
    const keys = value.split(/[\s,]+/).filter(Boolean);
    const bad = keys.filter((k) => !/^age1[0-9a-z]{50,}$/.test(k));
    return bad.length
        ? `backup-recipient: '${bad[0]}' is not an age public key (age1…); generate one with age-keygen`
        : keys;
}

// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __nccwpck_require__(7840);
;// CONCATENATED MODULE: ./src/config/history-table.ts
/**
 * One identifier as PostgreSQL reads it: `"Quoted ""name"""` keeps its case and may hold any character but NUL;
 * an unquoted one is letters, digits, `_` and `$` (not first) and folds to lower case, ASCII letters only, as
 * the server's downcase_identifier does for UTF-8.
 */
const PART = /^(?:"((?:[^"\0]|"")+)"|([A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*))/;
/**
 * Parses `schema_migrations`, `ops.schema_migrations` or `"Ops"."Migrations"`, following PostgreSQL's rules, so
 * `Schema_Migrations` names the table that `CREATE TABLE Schema_Migrations` created. Anything else, SQL
 * included, is refused here; the name is also always quoted where it is used.
 */
function parseTableName(value) {
    const parts = [];
    let rest = value.trim();
    while (rest) {
        const m = PART.exec(rest);
        if (!m)
            break;
        parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2].replace(/[A-Z]+/g, (c) => c.toLowerCase()));
        rest = rest.slice(m[0].length);
        if (!rest.startsWith('.'))
            break;
        rest = rest.slice(1);
        if (!rest)
            rest = '.';
    }
    const tooLong = parts.find((p) => Buffer.byteLength(p) > 63);
    if (rest || !parts.length || parts.length > 2 || tooLong) {
        return `history-table: '${value}' is not a table name; write it as in SQL: a name, optionally schema-qualified (ops.schema_migrations), double-quoted to keep upper case ("Ops"."Migrations")${tooLong ? `; '${tooLong}' is longer than PostgreSQL's 63 bytes` : ''}`;
    }
    return parts.length === 2 ? { schema: parts[0], table: parts[1] } : { table: parts[0] };
}

// EXTERNAL MODULE: ./src/migrations/plan-hash.ts
var plan_hash = __nccwpck_require__(7723);
;// CONCATENATED MODULE: ./src/config/config.ts








/** pg-dump-docker: auto (also empty), or a boolean read as true/false. */
function dockerMode(value, problems) {
    const v = value.trim().toLowerCase();
    if (v === 'auto' || v === '')
        return 'auto';
    if (['true', 'yes', '1', 'on'].includes(v))
        return 'true';
    if (['false', 'no', '0', 'off'].includes(v))
        return 'false';
    problems.push(`pg-dump-docker: '${value}' is not auto, true or false`);
    return 'auto';
}
function bool(name, value, problems) {
    const v = value.trim().toLowerCase();
    if (['true', 'yes', '1', 'on'].includes(v))
        return true;
    if (['false', 'no', '0', 'off', ''].includes(v))
        return false;
    problems.push(`${name}: '${value}' is not true or false`);
    return false;
}
function config_int(name, value, min, max, problems) {
    const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isInteger(n) || n < min || n > max) {
        problems.push(`${name}: '${value}' must be a whole number from ${min} to ${max}`);
        return min;
    }
    return n;
}
function config_duration(name, value, kind, problems) {
    const r = (0,duration/* parseDuration */.E)(name, value, kind);
    if (typeof r === 'string') {
        problems.push(r);
        return 0;
    }
    return r;
}
/** What on-failure may say, in the order the help text names them. */
const ON_FAILURE = ['rollback', 'undo', 'restore', 'undo-or-restore'];
/** The inputs that become PostgreSQL timeouts: 0 turns those off, so only the word `off` may. */
const TIMEOUTS = ['lock-timeout', 'statement-timeout', 'backup-lock-timeout'];
function list(value) {
    return value.split(/[\s,]+/).filter(Boolean);
}
/**
 * Validates raw inputs into a Config. Every problem is collected and thrown together as one InputError,
 * so a user fixes their workflow in one pass.
 */
function parseConfig(raw, env = {}) {
    const problems = [];
    const get = (name) => {
        const v = raw[name];
        return v === undefined || v.trim() === '' ? inputs_spec/* INPUTS */.mc[name] : v.trim();
    };
    const command = get('command');
    if (!model_commands/* COMMANDS */.L.includes(command))
        problems.push(`command: '${command}' is not one of ${model_commands/* COMMANDS */.L.join(', ')}`);
    const history = parseTableName(get('history-table'));
    if (typeof history === 'string')
        problems.push(history);
    const { databaseUrl, passwords } = database_url_databaseUrl(get('database-url'), env, problems);
    const secrets = [...passwords];
    const resolveRaw = get('resolve-dirty');
    let resolveDirty;
    if (resolveRaw) {
        const m = /^([^=\s]+)=(rerun|applied)$/.exec(resolveRaw);
        if (m)
            resolveDirty = { version: m[1], as: m[2] };
        else
            problems.push(`resolve-dirty: '${resolveRaw}' must be <version>=rerun or <version>=applied`);
    }
    const pgVersion = get('postgres-version');
    if (pgVersion && !/^(9\.6|1\d|[2-9]\d)$/.test(pgVersion))
        problems.push(`postgres-version: '${pgVersion}' must be a major version such as 15 or 16`);
    const failOn = get('fail-on');
    if (!['error', 'warning', 'never'].includes(failOn))
        problems.push(`fail-on: '${failOn}' must be error, warning or never`);
    const checkNames = get('checks') === 'all' ? [...inputs_spec/* CHECKS */.ui] : list(get('checks'));
    const unknownChecks = checkNames.filter((c) => !inputs_spec/* CHECKS */.ui.includes(c));
    if (unknownChecks.length)
        problems.push(`checks: ${unknownChecks.map((c) => `'${c}'`).join(', ')} ${unknownChecks.length > 1 ? 'are not checks' : 'is not a check'}; use all, or some of ${inputs_spec/* CHECKS */.ui.join(', ')}`);
    const idempotency = get('idempotency');
    if (!['error', 'warning', 'off'].includes(idempotency))
        problems.push(`idempotency: '${idempotency}' must be error, warning or off`);
    // Outside a workflow the default is the unexpanded expression itself: no token then.
    const token = raw['github-token']?.trim();
    const githubToken = token && !token.startsWith('${{') ? token : undefined;
    if (githubToken)
        secrets.push(githubToken);
    const retention = get('retention-days');
    const recipients = get('backup-recipient') ? parseRecipients(get('backup-recipient')) : [];
    if (typeof recipients === 'string')
        problems.push(recipients);
    const identity = get('backup-identity') || undefined;
    if (identity)
        secrets.push(identity);
    const runId = get('backup-run-id');
    const preflight = get('preflight');
    if (!['warn', 'strict'].includes(preflight))
        problems.push(`preflight: '${preflight}' must be warn or strict`);
    const onFailure = get('on-failure');
    if (!ON_FAILURE.includes(onFailure))
        problems.push(`on-failure: '${onFailure}' must be rollback, undo, restore or undo-or-restore`);
    const expectedPlan = get('expected-plan');
    const planProblem = expectedPlan ? (0,plan_hash/* planHashProblem */.pu)(expectedPlan) : undefined;
    if (planProblem)
        problems.push(`expected-plan: ${planProblem}`);
    const timeout = (name) => config_duration(name, get(name), 'timeout', problems);
    const config = {
        command,
        migrationsDir: get('migrations-dir'),
        databaseUrl,
        historyTable: typeof history === 'string' ? { table: inputs_spec/* INPUTS */.mc['history-table'] } : history,
        lockTimeoutMs: timeout('lock-timeout'),
        statementTimeoutMs: timeout('statement-timeout'),
        lockRetries: config_int('lock-retries', get('lock-retries'), 0, 100, problems),
        lockWaitMs: config_duration('lock-wait', get('lock-wait'), 'wait', problems),
        backupLockTimeoutMs: timeout('backup-lock-timeout'),
        timeoutsOff: TIMEOUTS.filter((name) => get(name).toLowerCase() === 'off'),
        allowOutOfOrder: bool('allow-out-of-order', get('allow-out-of-order'), problems),
        allowEmpty: bool('allow-empty', get('allow-empty'), problems),
        baseline: get('baseline') || undefined,
        acceptEdited: list(get('accept-edited')),
        resolveDirty,
        baseRef: get('base-ref') || undefined,
        postgresVersion: pgVersion ? Math.floor(Number(pgVersion)) : undefined,
        disabledRules: list(get('disable-rules')),
        failOn: failOn,
        checks: new Set(checkNames.filter((c) => inputs_spec/* CHECKS */.ui.includes(c))),
        idempotency: idempotency,
        seedFile: get('seed-file') || undefined,
        githubToken,
        comment: bool('comment', get('comment'), problems),
        sarifFile: get('sarif-file') || undefined,
        backupDir: get('backup-dir') || undefined,
        pgDumpPath: get('pg-dump-path') || undefined,
        pgDumpDocker: dockerMode(get('pg-dump-docker'), problems),
        artifactName: get('artifact-name') || undefined,
        retentionDays: retention ? config_int('retention-days', retention, 1, 90, problems) : undefined,
        backupFile: get('backup-file') || undefined,
        backupArtifact: get('backup-artifact') || undefined,
        backupRunId: runId ? config_int('backup-run-id', runId, 1, Number.MAX_SAFE_INTEGER, problems) : undefined,
        restoreDrill: get('restore-drill') || undefined,
        backupRecipients: typeof recipients === 'string' ? [] : recipients,
        backupIdentity: identity,
        environment: get('environment') || undefined,
        allowUngated: bool('allow-ungated', get('allow-ungated'), problems),
        expectedPlan: expectedPlan || undefined,
        preflight: preflight,
        backup: bool('backup', get('backup'), problems),
        healthCheck: get('health-check') || undefined,
        postBackup: bool('post-backup', get('post-backup'), problems),
        onFailure: onFailure,
        restoreDiscardsWrites: bool('restore-discards-writes', get('restore-discards-writes'), problems),
        restoreToOtherDatabase: bool('restore-to-other-database', get('restore-to-other-database'), problems),
        secrets: [...new Set(secrets)],
    };
    if (problems.length)
        throw new errors/* InputError */.dz(problems);
    return config;
}

// EXTERNAL MODULE: ./src/model/report.ts
var model_report = __nccwpck_require__(5235);
// EXTERNAL MODULE: ./src/migrations/parse.ts + 2 modules
var parse = __nccwpck_require__(5493);
// EXTERNAL MODULE: ./src/lint/registry.ts + 55 modules
var registry = __nccwpck_require__(8224);
;// CONCATENATED MODULE: ./src/model/findings-apply.ts
/** What applying, backing up and restoring report, and the failures of the run itself (input, server, this tool). */
const APPLY_FINDINGS = {
    'apply-failed': {
        area: 'apply',
        severity: 'error',
        title: 'A migration failed',
        message: 'A statement of the migration failed (verify runs it on a scratch database first): the migration rolled back whole with its history row, or, run outside a transaction, is left dirty. Migrations after it did not run; earlier ones stay applied and recorded.',
        help: 'Fix the statement at the line given (the SQLSTATE and the hint say why it failed), then run again.',
    },
    cancelled: {
        area: 'apply',
        severity: 'error',
        title: 'The run was cancelled',
        message: 'SIGINT or SIGTERM (GitHub\'s "Cancel workflow", Ctrl-C) stopped the run: the running statement was cancelled and its migration rolled back (one outside a transaction is left dirty); no further migration started. A cancelled verify also drops its scratch databases and undoes what its migrations changed on the whole server. A cancelled backup or restore stops pg_dump or pg_restore (its whole process group) and ends its server session, so nothing of it stays queued for a lock, and removes the unfinished dump; a run waiting for another run\'s advisory lock stops waiting at once.',
        help: 'Run again when ready; the report lists what was applied before.',
    },
    'lock-lost': {
        area: 'apply',
        severity: 'error',
        title: 'The run lost its advisory lock',
        message: "Before a migration started, the session holding the run's advisory lock no longer held it: database-url goes through a pooler in transaction mode (PgBouncer's pool_mode=transaction, Supabase's port 6543, Neon's -pooler hosts), which runs each transaction on whichever server session is free, or the lock's connection was lost (an idle timeout, the network). The migration did not start, so a run that took the lock meanwhile is never raced; earlier ones stay applied and recorded.",
        help: "Use the direct URL or the pooler's session-mode URL; otherwise find what ends idle connections, then run again.",
    },
    'plan-mismatch': {
        area: 'apply',
        severity: 'error',
        title: 'The plan is not the approved one',
        message: 'The plan made now, on the database the approved plan was made on, differs from expected-plan: a migration was added or edited after approval, or the database moved on (a migration was applied since). Nothing was changed.',
        help: 'Run the plan job again, review the new plan, and approve that one.',
    },
    'plan-target-mismatch': {
        area: 'apply',
        severity: 'error',
        title: 'The plan was approved on another database',
        message: "expected-plan names the database its plan was made on (the server's system identifier, the database's oid and name) and this run reached another one: another server (the system identifiers differ), or another database of the same server. A read replica, a pooler or another host name of the same server is the same database. Nothing was changed.",
        help: 'Point the plan job and the apply job at the same database (their database-url), then run the plan job again and approve that plan.',
    },
    'blocking-session': {
        area: 'apply',
        severity: 'warning',
        severityNote: 'preflight: warn or strict',
        lock: true,
        title: 'A session would block the migrations',
        message: 'Another session holds a lock on a table the pending migrations touch (or ACCESS EXCLUSIVE on any table, which holds up the backup): a migration would wait behind it, and every query behind the migration would wait too.',
        help: 'Let it finish, or end it (SELECT pg_terminate_backend(pid)), before applying; preflight: strict refuses to start while such sessions exist.',
    },
    'health-check-failed': {
        area: 'apply',
        severity: 'error',
        title: 'The health check failed',
        message: 'The health-check SQL failed, or returned false, after the migrations: the migrations are applied, the application may not work.',
        help: 'Check the application, and restore the backup if the database is not usable.',
    },
    migration: {
        area: 'apply',
        severity: 'error',
        title: 'A migration could not be run',
        message: 'A migration could not be read, parsed or run outside the step that applies migrations: nothing more ran.',
        help: 'Fix the file at the place given, then run again.',
    },
    'plan-check-failed': {
        area: 'apply',
        severity: 'error',
        title: 'The plan check failed',
        message: 'Making the plan again, before anything is changed, failed unexpectedly: nothing was changed.',
        help: 'Read the message; run again with debug output (RUNNER_DEBUG=1, --debug) if it does not say enough.',
    },
    'pre-flight-failed': {
        area: 'apply',
        severity: 'error',
        title: 'The pre-flight check failed',
        message: 'Looking for sessions that would block the migrations failed unexpectedly: nothing was changed.',
        help: 'Read the message; check that the user may read pg_locks and pg_stat_activity, then run again.',
    },
    'cleanup-of-invalid-indexes-failed': {
        area: 'apply',
        severity: 'error',
        title: 'Dropping a leftover invalid index failed',
        message: 'An invalid index left by an earlier failed CREATE INDEX CONCURRENTLY could not be dropped before the migration that builds it again; no migration ran.',
        help: 'Drop the index by hand (DROP INDEX CONCURRENTLY), then run again.',
    },
    'history-table-failed': {
        area: 'apply',
        severity: 'error',
        title: 'The history table could not be prepared',
        message: 'Creating or adopting the history table failed unexpectedly: no migration ran.',
        help: 'Read the message; check that the user may create and write the history table, then run again.',
    },
    'migrations-failed': {
        area: 'apply',
        severity: 'error',
        title: 'Applying the migrations stopped unexpectedly',
        message: 'The step that applies the migrations failed outside any one migration; the report lists what was applied before.',
        help: 'Read the message, then run again; each migration either committed with its history row or not at all.',
    },
    'on-failure-failed': {
        area: 'apply',
        severity: 'error',
        title: 'The on-failure step failed',
        message: 'After a failure, the on-failure step (undo, restore, or keep what applied) itself failed unexpectedly: the database is as the failure left it, less what the notes say was undone.',
        help: 'Look at the database; restore the pre-apply backup by hand if needed (command: restore).',
    },
    'undo-refused': {
        area: 'apply',
        severity: 'error',
        title: 'on-failure: undo could not undo the run',
        message: "After a failure, on-failure: undo undoes what the run applied with the down scripts only when every one of them has a down script that can run, and when the failed migration rolled back: a migration that failed outside a transaction (dirty) may have run in part, and undoing the ones before it under it may fail. Otherwise nothing is undone: the run's migrations stay applied and recorded, and the finding names each migration without a usable down script.",
        help: 'Add the missing down scripts (verify checks that they round-trip), or settle the dirty migration with resolve-dirty; meanwhile fix forward. on-failure: undo-or-restore restores the pre-apply backup when undo cannot run.',
    },
    'undo-failed': {
        area: 'apply',
        severity: 'error',
        title: 'A down script failed during on-failure: undo',
        message: 'on-failure: undo runs the down scripts of the migrations the run applied, newest first, each in one transaction with the removal of its history row. One failed: it rolled back with its row (one outside a transaction may have run in part and keeps its row), and the undo stopped there. The migrations undone before it are gone from the database and the history; that one and those before it stay applied and recorded, as the finding lists.',
        help: 'Fix the down script at the line given; then fix forward with a new migration, or undo by hand, each down script with its history row in one transaction. With undo-or-restore the pre-apply backup is restored next.',
    },
    'backup-failed': {
        area: 'backup',
        severity: 'error',
        title: 'The backup before the migrations failed',
        message: 'No verified backup could be taken (pg_dump missing or too old, a lock it waited too long for, backup-dir not writable, the artifact upload): no migration was applied.',
        help: 'Fix the cause the message names, or set backup: false deliberately.',
    },
    'post-migration-backup-failed': {
        area: 'backup',
        severity: 'error',
        title: 'The backup after the migrations failed',
        message: 'The migrations are applied and recorded, but the backup after them (post-backup) could not be taken.',
        help: 'Take a backup by hand (command: backup), or fix the cause and run again: there is nothing left to apply.',
    },
    'restore-refused': {
        area: 'backup',
        severity: 'error',
        title: 'The restore was refused',
        message: "Restoring would discard what others wrote since the backup (or could not tell), or the target is not the backup's database: nothing was restored.",
        help: 'Check the target and what would be lost; restore-discards-writes: true or restore-to-other-database: true when it is meant.',
    },
    'restore-failed': {
        area: 'backup',
        severity: 'error',
        title: 'The restore failed',
        message: 'pg_restore failed (an object of another session in the way, a lock it waited too long for); it runs as one transaction, so nothing was restored.',
        help: 'Remove what stopped it, then restore by hand (command: restore).',
    },
    configuration: {
        area: 'input',
        severity: 'error',
        title: 'Bad input',
        message: 'An input, the migrations folder or a file given cannot be used as it is: nothing was changed. The CLI exits 2.',
        help: 'Fix what the message names.',
    },
    'database-state': {
        area: 'input',
        severity: 'error',
        title: 'The database is not in a state to proceed from',
        message: "The database or its history table is not as this run needs it (another tool's history table, another run holding the lock, a lock wait that gave up): nothing was changed.",
        help: 'Do what the message says, then run again.',
    },
    connection: {
        area: 'input',
        severity: 'error',
        title: 'The database cannot be reached',
        message: 'The connection could not be made, or was lost: each migration either committed with its history row or not at all.',
        help: 'Check database-url, the network and the server, then run again.',
    },
    'database-error': {
        area: 'input',
        severity: 'error',
        title: 'The server refused an operation of the run',
        message: 'The server refused something outside any migration (creating the history table, reading the catalogs): a missing privilege, a read-only server, a resource that ran out.',
        help: 'Follow the hint for the SQLSTATE: grant the privilege, point at the primary, free the resource.',
    },
    'tool-failed': {
        area: 'input',
        severity: 'error',
        title: 'pg_dump, pg_restore or psql refused',
        message: 'A PostgreSQL tool the run started exited with an error (a version older than the server, a missing privilege, a lock it could not get, a full disk): the step it served did not complete, and the report says what the run did before.',
        help: "Read the tool's own words in the message and follow the hint, then run again.",
    },
    'internal-error': {
        area: 'internal',
        severity: 'error',
        title: 'An unexpected error',
        message: 'Something this tool did not expect went wrong; the report keeps what was applied.',
        help: 'Run again with debug output (RUNNER_DEBUG=1 in the action, --debug in the CLI) and report it.',
    },
};

;// CONCATENATED MODULE: ./src/model/findings-verify.ts
/** What running the change on scratch databases finds (verify), and what stops a run before anything runs. */
const VERIFY_FINDINGS = {
    'deployed-apply-failed': {
        area: 'verify',
        severity: 'error',
        title: 'A deployed migration does not apply on an empty database',
        message: 'verify rebuilds the deployed schema by running the deployed migrations on a scratch database. One of them fails there, so the new migrations could not be checked on top of it.',
        help: 'Make the deployed migrations apply from scratch (a missing extension, a role or data that only production has), or provide that state with seed-file.',
    },
    'blocking-lock': {
        area: 'verify',
        severity: 'warning',
        lock: true,
        title: 'Lock on an existing table',
        message: 'The statement took a SHARE, EXCLUSIVE or ACCESS EXCLUSIVE lock on a table that existed before its migration, as seen in pg_locks while it ran. Writes (and, under ACCESS EXCLUSIVE, reads too) wait until the migration commits, and the lock itself waits behind any long-running query, holding up everything queued after it.',
        help: 'Keep the statement short on busy tables, or use the non-blocking form (CREATE INDEX CONCURRENTLY; ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT); lock-timeout bounds the wait.',
    },
    'table-rewrite': {
        area: 'verify',
        severity: 'warning',
        lock: true,
        title: 'Table rewritten',
        message: 'The statement rewrote a table that existed before its migration (its storage file changed): the whole table is copied under an ACCESS EXCLUSIVE lock, for as long as copying it takes.',
        help: 'Avoid the rewrite (a constant default, a type change PostgreSQL makes in place), or add a new column, backfill it in batches and swap.',
    },
    'not-idempotent': {
        area: 'verify',
        severity: 'warning',
        severityNote: 'idempotency: error, warning or off',
        title: 'Fails, or changes the schema again, when run a second time',
        message: 'Run a second time, the migration fails or changes the schema again. A migration retried after a partial failure, or run by hand, then breaks.',
        help: 'Make each statement a no-op when its change is already there: IF NOT EXISTS, IF EXISTS, CREATE OR REPLACE.',
    },
    'not-reversible': {
        area: 'verify',
        severity: 'error',
        title: 'The down script does not undo the migration',
        message: 'Run after the migration, the down script fails, or leaves the schema different from before the migration, or the migration cannot be applied again after it: a rollback in production would not work.',
        help: 'Make the down script undo every change of the up script; the message shows the difference (+ left over after down, - missing, ~ differs).',
    },
    'version-reused': {
        area: 'verify',
        severity: 'error',
        title: 'A new migration reuses a deployed version',
        message: 'The new migration has the version of a migration present at base-ref: production takes it as applied and never runs it.',
        help: 'Give the migration a new version, later than every deployed one.',
    },
    'deployed-migration-edited': {
        area: 'verify',
        severity: 'error',
        title: 'A deployed migration was edited',
        message: 'A migration present at base-ref was changed: databases that ran it do not get the edit, and apply refuses the checksum drift.',
        help: 'Revert the edit and put the change in a new migration.',
    },
    'server-side-effect': {
        area: 'verify',
        severity: 'warning',
        title: 'A server-wide change verify could not undo',
        message: "Verify's own sessions changed something outside their scratch databases (a role, a database, a tablespace, an ALTER SYSTEM setting) that verify could not put back, or whose change it could not tell from another session's (a setting another session changed too while verify ran; a new role, for a role that is not superuser before PostgreSQL 16), so it was left as it is; a later verify on the same server may fail because of it. What other sessions created meanwhile is never touched, whatever its name.",
        help: 'Remove it by hand, or run verify on a throwaway server (a workflow service container).',
    },
    'restore-drill': {
        area: 'verify',
        severity: 'error',
        title: 'The restore drill failed',
        message: "The dump named by restore-drill could not be restored into a scratch database; findings of the migrations applied on it are reported as restore-drill/<id>, with that id's page.",
        help: 'Check the dump (its sha256, the pg_restore version), or the migration the drill names.',
    },
    'transaction-control': {
        area: 'plan',
        severity: 'error',
        title: 'A file that cannot run as written',
        message: "The file's transaction control or psql commands cannot run as written (BEGIN without COMMIT, a nested BEGIN, CREATE INDEX CONCURRENTLY inside the file's own BEGIN, an unknown psql meta-command), or would run otherwise than under psql (a DO block or procedure that commits in a transactional file, SET TRANSACTION outside a BEGIN, a client_encoding other than UTF-8; the lint rule differs-from-psql lists them): nothing runs.",
        help: 'Fix the file as the message says; the hint names the change.',
    },
    'checksum-drift': {
        area: 'plan',
        severity: 'error',
        title: 'An applied migration was edited',
        message: 'The file of an applied migration no longer matches the checksum recorded when it ran: the database does not contain the edit. Nothing runs.',
        help: 'Revert the edit and write a new migration; if the edit changes nothing in the database (a comment, formatting), accept-edited: <version>.',
    },
    'missing-migration': {
        area: 'plan',
        severity: 'error',
        title: "A recorded migration's file is gone",
        message: 'The history table records a migration whose file is not in the folder. Nothing runs.',
        help: 'Restore the file, or delete its history row if the migration was reverted by hand.',
    },
    'dirty-migration': {
        area: 'plan',
        severity: 'error',
        title: 'A migration did not finish',
        message: 'A migration that runs outside a transaction started and did not finish: the database may hold part of it. No run starts until it is settled.',
        help: 'Look at the database, then resolve-dirty: <version>=applied (you finished it) or =rerun (you undid it).',
    },
    'out-of-order': {
        area: 'plan',
        severity: 'error',
        title: 'A migration older than the newest applied one',
        message: 'A pending (or, in verify, new) migration sorts before the newest applied (or deployed) one: production would run it out of order, or refuse it.',
        help: 'Rename it to a version after the newest applied one, or set allow-out-of-order: true if running it out of order is safe.',
    },
    'stale-override': {
        area: 'plan',
        severity: 'error',
        title: 'An override that acts on nothing',
        message: 'accept-edited, resolve-dirty or baseline names nothing to act on. Overrides must not linger, so nothing runs.',
        help: 'Remove the override.',
    },
    'unknown-history-row': {
        area: 'plan',
        severity: 'error',
        title: 'A history row without a readable version',
        message: 'A row of the history table carries no version this tool can read, so the plan cannot tell whether its migration ran. Nothing runs.',
        help: "Rename the row's migration_name to the migration's file name, or delete the row if it is not a migration.",
    },
};

;// CONCATENATED MODULE: ./src/model/run-findings.ts


/**
 * The catalogue of the run's own findings, declared once as data: severity, title, what happens, what to do. The
 * lint rules bring theirs (src/lint/rules/); report/catalogue.ts joins both, for the docs, SARIF and the report.
 */
const RUN_FINDINGS = { ...VERIFY_FINDINGS, ...APPLY_FINDINGS };
/** Lint rules the engine reports itself before anything runs (PostgreSQL's parser refusing a file); the data is the rule's. */
const ENGINE_LINT_IDS = (/* unused pure expression or super */ null && (['syntax-error']));
/** The restore drill repeats the findings of the apply it ran, under their own id after this prefix. */
const DRILL_PREFIX = 'restore-drill/';

;// CONCATENATED MODULE: ./src/report/catalogue.ts


/**
 * Every id the product can report, in the docs' order: the lint rules as the registry lists them (a new rule is in
 * at once), then the run's own findings (model/run-findings.ts).
 */
function catalogue() {
    return [
        ...registry/* RULES */.y.map(({ id, group, severity, title, message, help }) => ({
            id,
            area: 'lint',
            group,
            severity,
            title,
            message,
            help,
            lock: group === 'locking',
            docs: `docs/rules/${id}.md`,
        })),
        ...Object.entries(RUN_FINDINGS).map(([id, kind]) => ({
            id,
            ...kind,
            docs: `docs/findings/${id}.md`,
        })),
    ];
}
let byId;
/** The entry of a finding's id; a restore drill's `restore-drill/<id>` is <id>'s entry under its own name. */
function kindOf(id) {
    byId ??= new Map(catalogue().map((e) => [e.id, e]));
    if (!id.startsWith(DRILL_PREFIX))
        return byId.get(id);
    const inner = byId.get(id.slice(DRILL_PREFIX.length));
    return inner && { ...inner, id, title: `Restore drill: ${inner.title}` };
}

;// CONCATENATED MODULE: ./src/report/marks.ts
const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️', ok: '✅', 'not run': '⏸' };
/** The same marks for the terminal, one character wide. */
const TEXT_MARK = { error: '✗', warning: '!', info: 'i', ok: '✓', 'not run': '-' };
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
/** The most severe of some findings, or undefined for none. */
function worstOf(findings) {
    return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])[0]?.severity;
}
/** The findings about one migration's files (its up and down scripts). */
function findingsOf(r, files) {
    return r.findings.filter((f) => f.file !== undefined && files.includes(f.file));
}
/** A migration's mark is its worst finding's severity; without findings it is ok, or not run. */
function markOf(findings, ran) {
    return worstOf(findings) ?? (ran ? 'ok' : 'not run');
}
/** verify's checks in words, each failed one with the severity its finding has. */
function checkWords(m, findings) {
    const sev = (...rules) => worstOf(findings.filter((f) => rules.includes(f.rule)));
    const word = (name, outcome, ...rules) => {
        const s = outcome === 'failed' ? sev(...rules) : undefined;
        return `${name} ${outcome}${s && s !== 'error' ? ` (${s})` : ''}`;
    };
    return [
        word('apply', m.apply, 'apply-failed'),
        m.idempotency !== 'off' ? word('re-run', m.idempotency, 'not-idempotent') : '',
        m.reversibility !== 'off' ? word('down/up', m.reversibility, 'not-reversible') : '',
    ].filter(Boolean);
}
/** PostgreSQL's table lock modes, weakest first. */
const MODES = [
    'ACCESS SHARE',
    'ROW SHARE',
    'ROW EXCLUSIVE',
    'SHARE UPDATE EXCLUSIVE',
    'SHARE',
    'SHARE ROW EXCLUSIVE',
    'EXCLUSIVE',
    'ACCESS EXCLUSIVE',
];
/** How much a lock holds others up: 0 for plain reads and writes, up to 5 for ACCESS EXCLUSIVE. */
function lockStrength(mode) {
    return Math.max(0, MODES.indexOf(mode) - 2);
}
/** The locks worth a reader's attention (not plain reads and writes), the strongest per table, strongest first, then by name. */
function notableLocks(locks) {
    const strongest = new Map();
    for (const l of locks) {
        if (lockStrength(l.mode) === 0)
            continue;
        const had = strongest.get(l.relation);
        if (!had || lockStrength(l.mode) > lockStrength(had.mode))
            strongest.set(l.relation, l);
    }
    return [...strongest.values()].sort((a, b) => lockStrength(b.mode) - lockStrength(a.mode) || (a.relation < b.relation ? -1 : a.relation > b.relation ? 1 : 0));
}

;// CONCATENATED MODULE: ./src/report/json.ts





/**
 * Serialises the report, secrets redacted. Every finding names its docs page, and each verified migration carries
 * its mark (its worst finding's severity, `ok`, or `not run`), as the other renderings show it.
 */
function renderJson(report, secrets) {
    const findings = report.findings.map((f) => ({ ...f, docs: f.docs ?? kindOf(f.rule)?.docs }));
    const verify = report.verify && {
        ...report.verify,
        migrations: report.verify.migrations.map((m) => ({
            ...m,
            mark: markOf(findingsOf(report, [m.file, m.downFile]), m.apply !== 'not run'),
        })),
    };
    return redact(JSON.stringify({ ...report, findings, verify }, null, 2), secrets);
}
function writeReport(path, report, secrets) {
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
    (0,external_node_fs_.writeFileSync)(path, `${renderJson(report, secrets)}\n`);
}

;// CONCATENATED MODULE: ./src/report/entries.ts


/** Text for Markdown outside code: newlines folded, markup characters escaped, long text cut visibly. */
function inline(s, max = 600) {
    const t = s.replace(/\s*\r?\n\s*/g, ' ').trim();
    const cut = t.length > max ? `${t.slice(0, max - 1)}…` : t;
    return cut.replace(/[\\`*_<>|[\]]/g, (c) => `\\${c}`);
}
/** A code span that cannot be broken by the text inside it. */
const code = (s, max = 80) => `\`${(s.length > max ? `${s.slice(0, max - 1)}…` : s).replace(/`/g, "'")}\``;
const ruleLink = (id) => {
    const kind = kindOf(id);
    return kind ? `[\`${id}\`](${kind.docs})` : `\`${id}\``;
};
/** Findings whose evidence is the statement's trace: said once, as what was observed. */
const TRACED = new Set(['blocking-lock', 'table-rewrite']);
/** What verify saw the statement do: its locks on existing tables, the tables it rewrote, how long it took. */
function observed(t) {
    const locks = notableLocks(t.locks).map((l) => `${l.mode} on ${l.relation}`);
    const parts = [...locks, ...(t.rewrites.length ? [`rewrote ${t.rewrites.join(', ')}`] : []), `${t.durationMs} ms`];
    return `${t.observed ? 'observed' : 'documented lock'}: ${parts.join(', ')}`;
}
/** A finding's message without the migration's name it opens with (the entry already says where). */
function message(f, names, max) {
    const name = f.file ? names.get(f.file) : undefined;
    let m = f.message;
    if (name && m.startsWith(`${name} `))
        m = m.slice(name.length + 1);
    else if (name && m.startsWith(`the down script of ${name} `))
        m = `the down script ${m.slice(`the down script of ${name} `.length)}`;
    return inline(m, max);
}
/** Several findings of one rule, short: a lint rule's title and the details of each hit; others' messages. */
function shortMessages(list, names) {
    const kind = kindOf(list[0].rule);
    if (kind?.area === 'lint' && list.every((f) => f.message.startsWith(kind.message))) {
        const details = list.map((f) => f.message.slice(kind.message.length).trim()).filter(Boolean);
        return inline(`${kind.title}${details.length ? ` — ${details.join(' ')}` : ''}`, 200);
    }
    return list.map((f) => message(f, names, 200 / list.length + 20)).join('; ');
}
/** Where the item is: `file:line`, the file, or the run itself. */
const where = (x) => x.file === undefined ? '**the run**' : `**${code(x.line !== undefined ? `${x.file}:${x.line}` : x.file, 120)}**`;
/** Findings grouped by rule, in the order they come (most severe first). */
function byRule(findings) {
    const groups = new Map();
    for (const f of findings)
        groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
    return [...groups.values()];
}
/**
 * The evidence of an item: what verify observed (the lock and rewrite findings said once, with the time measured),
 * then each other finding; the short form names the lint rules that predicted the lock beside it.
 */
function evidence(x, names, short) {
    const traced = x.trace ? x.findings.filter((f) => TRACED.has(f.rule)) : [];
    const predicted = short && traced.length ? x.findings.filter((f) => kindOf(f.rule)?.area === 'lint' && kindOf(f.rule)?.lock) : [];
    const links = (list) => [...new Set(list.map((f) => f.rule))].map(ruleLink).join(', ');
    const out = [];
    if (traced.length)
        out.push(`🔒 ${inline(observed(x.trace))} (${links(traced)})${predicted.length ? `, predicted by ${links(predicted)}` : ''}`);
    const rest = x.findings.filter((f) => !traced.includes(f) && !predicted.includes(f));
    if (short)
        for (const list of byRule(rest))
            out.push(`${ICON[list[0].severity]} ${ruleLink(list[0].rule)} ${shortMessages(list, names)}`);
    else
        for (const f of rest)
            out.push(`${ICON[f.severity]} ${ruleLink(f.rule)} ${message(f, names, 600)}${f.sqlstate ? ` (SQLSTATE ${f.sqlstate})` : ''}`);
    return out;
}
/** A numbered entry with everything about the statement and what to do: for what needs a decision. */
function fullEntry(x, n, names) {
    const fix = x.findings.find((f) => f.help)?.help ?? kindOf(x.findings[0].rule)?.help;
    return [
        `${n}. ${ICON[x.severity]} ${where(x)}${x.trace ? ` ${code(x.trace.sql)}` : ''}`,
        ...evidence(x, names, false).map((e) => `    - ${e}`),
        ...(fix ? [`    - **Fix:** ${inline(fix)}`] : []),
    ];
}
/** One line: the statement, what was observed, the rules and findings about it. */
function compactEntry(x, names) {
    return `- ${ICON[x.severity]} ${where(x)}${x.trace ? ` ${code(x.trace.sql, 60)}` : ''} — ${evidence(x, names, true).join(' · ')}`;
}

;// CONCATENATED MODULE: ./src/report/review.ts


const TIERS = ['decision', 'lock', 'warning', 'note'];
const tierOf = (severity, findings) => severity === 'error'
    ? 'decision'
    : findings.some((f) => kindOf(f.rule)?.lock)
        ? 'lock'
        : severity === 'warning'
            ? 'warning'
            : 'note';
/** The migrations' files in order (up, then down), and whether each one's apply stopped part-way. */
function fileOrder(r) {
    const order = new Map();
    const failed = new Set();
    const rows = r.verify
        ? r.verify.migrations.map((m) => ({ ...m, failed: m.apply === 'failed' }))
        : r.pending;
    for (const m of rows) {
        order.set(m.file, order.size);
        if (m.downFile)
            order.set(m.downFile, order.size);
        if (m.failed)
            failed.add(m.file);
    }
    return { order, failed };
}
/** Which traced statement a line falls in: the last one that starts at or before it, if it spans that far. */
function statementAt(traces, line, stoppedAfterLast) {
    if (!traces)
        return undefined;
    let i = -1;
    while (i + 1 < traces.length && traces[i + 1].line <= line)
        i++;
    if (i < 0)
        return undefined;
    const t = traces[i];
    if (t.lines !== undefined)
        return line < t.line + t.lines ? t : undefined;
    // Without its extent: past the last statement of a migration that failed, a line may be in one never traced.
    return i === traces.length - 1 && stoppedAfterLast && line > t.line ? undefined : t;
}
/** Sorts within a tier: failures seen when running before predictions, stronger locks and longer holds first, then file order. */
function rank(order) {
    const ran = (x) => x.tier === 'decision' && x.findings.some((f) => f.severity === 'error' && kindOf(f.rule)?.area !== 'lint') ? 0 : 1;
    // Only where locks are the point: a note or a plain warning is read in file order.
    const locking = (x) => x.tier === 'decision' || x.tier === 'lock';
    const strength = (x) => x.trace && locking(x)
        ? Math.max(0, ...notableLocks(x.trace.locks).map((l) => lockStrength(l.mode))) + (x.trace.rewrites.length ? 1 : 0)
        : 0;
    const place = (x) => (x.file === undefined ? -1 : (order.get(x.file) ?? order.size));
    return (a, b) => TIERS.indexOf(a.tier) - TIERS.indexOf(b.tier) ||
        ran(a) - ran(b) ||
        strength(b) - strength(a) ||
        (locking(b) ? (b.trace?.durationMs ?? 0) : 0) - (locking(a) ? (a.trace?.durationMs ?? 0) : 0) ||
        place(a) - place(b) ||
        (a.line ?? 0) - (b.line ?? 0);
}
/**
 * The report's findings as an approver reads them: one item per statement, with every finding about it (the lint
 * rule that predicted it, the lock observed, the re-run that failed) and what verify measured, ranked by risk.
 */
function reviewOf(r) {
    const traces = new Map();
    for (const t of (r.verify?.migrations ?? []).flatMap((m) => m.statements))
        traces.set(t.file, [...(traces.get(t.file) ?? []), t]);
    for (const list of traces.values())
        list.sort((a, b) => a.line - b.line);
    const { order, failed } = fileOrder(r);
    const items = new Map();
    r.findings.forEach((f, i) => {
        // Notes stand apart: they are read last, and would only crowd the statements that need a look.
        const tag = f.severity === 'info' ? 'note ' : '';
        let key = `run ${i}`;
        let item = { findings: [] };
        if (f.file !== undefined && f.line === undefined)
            [key, item] = [`${tag}${f.file}`, { file: f.file, findings: [] }];
        else if (f.file !== undefined && f.line !== undefined) {
            const trace = statementAt(traces.get(f.file), f.line, failed.has(f.file));
            const line = trace?.line ?? f.line;
            [key, item] = [`${tag}${f.file}:${line}`, { file: f.file, line, trace, findings: [] }];
        }
        const found = items.get(key) ?? item;
        found.findings.push(f);
        items.set(key, found);
    });
    return [...items.values()]
        .map((x) => {
        const findings = [...x.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
        const severity = worstOf(findings);
        return { ...x, findings, severity, tier: tierOf(severity, findings) };
    })
        .sort(rank(order));
}

;// CONCATENATED MODULE: ./src/report/markdown-sections.ts



/** A table cell: pipes escaped, newlines folded, long text cut visibly. */
function cell(text, max = 300) {
    const t = String(text ?? '')
        .replace(/\r?\n/g, ' ')
        .replace(/\|/g, '\\|');
    return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
const row = (cells) => `| ${cells.map((c) => cell(c)).join(' | ')} |`;
const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
/** A folded block: its summary line stays visible, the rest opens on a click. */
const folded = (summary, body) => [
    '<details>',
    `<summary>${summary}</summary>`,
    '',
    ...body,
    '</details>',
    '',
];
/** The migrations this report is about, each with its mark (its worst finding's severity) and what happened. */
function migrationRows(r) {
    if (r.verify) {
        return r.verify.migrations.map((m) => {
            const mine = findingsOf(r, [m.file, m.downFile]);
            const mark = markOf(mine, m.apply !== 'not run');
            return {
                mark,
                cells: [
                    m.version,
                    m.name,
                    m.transaction ? 'yes' : 'no',
                    m.applyMs !== undefined ? `${m.applyMs} ms` : '—',
                    `${ICON[mark]} ${checkWords(m, mine).join(' · ')}`,
                ],
            };
        });
    }
    if (r.command !== 'apply' && r.command !== 'plan')
        return [];
    const applied = new Map(r.applied.map((a) => [a.version, a]));
    const undone = new Map((r.undone ?? []).map((u) => [u.version, u]));
    // After a restore nothing of the run stays, applied or undone before it.
    const restored = r.afterFailure === 'restored' ? ', taken back by the restore' : '';
    return r.pending.map((p) => {
        const a = applied.get(p.version);
        const u = undone.get(p.version);
        const mine = findingsOf(r, [p.file, u?.downFile]);
        const failed = mine.some((f) => f.rule === 'apply-failed');
        const mark = markOf(mine, r.command === 'plan' || !!a || !!u || failed);
        const what = r.command === 'plan'
            ? 'pending'
            : a
                ? `applied${a.attempts > 1 ? ` after ${a.attempts} attempts` : ''}${restored}`
                : u
                    ? `applied, then undone by ${u.downFile}${restored}`
                    : failed
                        ? p.transaction
                            ? 'failed, rolled back'
                            : 'failed outside a transaction: part of it may have run'
                        : 'not run';
        return {
            mark,
            cells: [
                p.version,
                p.name,
                p.transaction ? 'yes' : `no (${p.transactionNote})`,
                a ? `${a.durationMs} ms` : '—',
                `${ICON[mark]} ${what}`,
            ],
        };
    });
}
/** The migrations table; verify's is folded (its findings lead), apply's and plan's are the report. */
function migrationsSection(r) {
    const rows = migrationRows(r);
    if (!rows.length)
        return [];
    const table = [
        '| version | name | transaction | duration | result |',
        '| --- | --- | --- | --- | --- |',
        ...rows.map((x) => row(x.cells)),
        '',
    ];
    if (!r.verify)
        return ['### Migrations', '', ...table];
    const marks = ['error', 'warning', 'info', 'ok', 'not run']
        .map((m) => [m, rows.filter((x) => x.mark === m).length])
        .filter(([, n]) => n);
    return folded(`Migrations: ${count(rows.length, 'new migration')} — ${marks.map(([m, n]) => `${n} ${ICON[m]}`).join(' · ')}`, table);
}
/** Every statement that took a notable lock on a table that existed before its migration, or rewrote one. */
function locksSection(r) {
    const rows = (r.verify?.migrations ?? []).flatMap((m) => m.statements
        .filter((s) => notableLocks(s.locks).length || s.rewrites.length)
        .map((s) => `| ${cell(m.name)} | ${s.line} | ${code(cell(s.sql))} | ${cell(notableLocks(s.locks)
        .map((l) => `${l.mode} ${l.relation}`)
        .join(', '))}${s.observed ? '' : ' (documented)'} | ${s.rewrites.length ? `⚠️ ${cell(s.rewrites.join(', '))}` : ''} | ${s.durationMs} ms |`));
    if (!rows.length)
        return [];
    return folded(`Locks on existing tables, statement by statement (${rows.length})`, [
        '| migration | line | statement | locks | rewrite | duration |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows,
        '',
    ]);
}
const pathOf = (r, f) => (f.file ? (r.root ? (0,external_node_path_.join)(r.root, f.file) : f.file) : '(database)');
/** Every finding, by file, most severe first, with its fix: the full detail behind the entries above. */
function allFindingsSection(r) {
    if (!r.findings.length)
        return [];
    const byFile = new Map();
    for (const f of [...r.findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]))
        byFile.set(pathOf(r, f), [...(byFile.get(pathOf(r, f)) ?? []), f]);
    const body = [];
    for (const [file, list] of byFile) {
        body.push(`**\`${file}\`**`, '', '| line | | rule | finding | fix |', '| --- | --- | --- | --- | --- |');
        for (const f of list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)))
            body.push(`| ${f.line ?? ''} | ${ICON[f.severity]} | ${ruleLink(f.rule)} | ${inline(f.message, 600)} | ${inline(f.help ?? '', 400)} |`);
        body.push('');
    }
    return folded(r.findings.length === 1 ? 'The finding, with its fix' : `All ${r.findings.length} findings, by file, with the fix`, body);
}
/** The schema change the PR makes; a long one is folded. */
function schemaSection(r) {
    if (!r.verify)
        return [];
    const change = r.verify.schemaChange;
    if (!change.length)
        return ['### Schema change', '', 'No schema change.', ''];
    const diff = ['```diff', ...change, '```', ''];
    return change.length <= 12
        ? ['### Schema change', '', ...diff]
        : folded(`Schema change (${count(change.length, 'line')})`, diff);
}
function backupSection(r) {
    const b = r.backup;
    if (!b)
        return [];
    return [
        '### Backup',
        '',
        '| | |',
        '| --- | --- |',
        `| file | \`${cell(b.path)}\` (${b.size} bytes) |`,
        `| sha256 | \`${b.sha256}\` |`,
        `| taken with | pg_dump ${cell(b.pgDumpVersion)} from PostgreSQL ${cell(b.serverVersion)} |`,
        ...(b.artifactName ? [`| artifact | \`${cell(b.artifactName)}\` (id ${b.artifactId}) |`] : []),
        `| restore | ${cell(b.restore)} |`,
        '',
    ];
}
function planSection(r) {
    if (!r.planHash && !r.notes.length)
        return [];
    const out = ['### Plan', ''];
    if (r.target)
        out.push(`Target \`${r.target}\`, history table \`${r.historyTable}\`.`, '');
    if (r.planHash)
        out.push(`Plan hash: \`${r.planHash}\``, '');
    for (const n of r.notes)
        out.push(`- ${n}`);
    if (r.notes.length)
        out.push('');
    return out;
}

;// CONCATENATED MODULE: ./src/report/markdown.ts





const markdown_count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
/** The one-line verdict every rendering opens with. */
function verdict(r) {
    const errors = r.findings.filter((f) => f.severity === 'error').length;
    const warnings = r.findings.filter((f) => f.severity === 'warning').length;
    const counts = `${markdown_count(errors, 'error')}, ${markdown_count(warnings, 'warning')}`;
    const info = model_commands/* COMMAND_INFO */.v[r.command];
    return `${r.ok ? '✅' : '❌'} **pg-migration-gate ${r.command}** ${r.ok ? 'passed' : r.cancelled ? `was cancelled (${r.cancelled})` : 'failed'}: ${info?.outcome(r) ?? ''} — ${counts}`;
}
const HEADINGS = {
    decision: '❌ Needs a decision',
    lock: '🔒 Locks on existing tables',
    warning: '⚠️ Other warnings',
};
const WHAT = {
    decision: ['statement that needs', 'statements that need'],
    lock: ['lock on an existing table', 'locks on existing tables'],
    warning: ['other warning', 'other warnings'],
    note: ['note', 'notes'],
};
const many = (t, n) => `${n} ${WHAT[t][n === 1 ? 0 : 1]}${t === 'decision' ? ' a decision' : ''}`;
/** The line under the verdict: how many things of each kind, in the order they follow. */
function headline(r, byTier) {
    const parts = TIERS.filter((t) => byTier[t].length).map((t) => t === 'decision' ? `**${many(t, byTier[t].length)}**` : many(t, byTier[t].length));
    const root = r.root && parts.length ? ` Paths are relative to \`${r.root}/\`.` : '';
    return `${byTier.decision.length ? '' : 'Nothing needs a decision. '}${parts.length ? `${parts.join(' · ')}.` : ''}${root}`.trim();
}
function render(r, byTier, names, d, rest) {
    const left = [];
    const out = [verdict(r), ''];
    const line = headline(r, byTier);
    if (line && (r.findings.length || r.verify))
        out.push(line, '');
    for (const tier of ['decision', 'lock', 'warning']) {
        const items = byTier[tier];
        if (!items.length)
            continue;
        const shown = items.slice(0, d.entries[tier]);
        out.push(`### ${HEADINGS[tier]} (${items.length})`, '');
        if (tier === 'decision') {
            const short = items.slice(shown.length, shown.length + d.compact);
            const located = items.slice(shown.length + short.length, shown.length + short.length + d.located);
            const counted = items.slice(shown.length + short.length + located.length);
            out.push(...shown.flatMap((x, i) => fullEntry(x, i + 1, names)), ...short.map((x) => compactEntry(x, names)), ...locations(located));
            if (counted.length)
                out.push(`- ${ICON.error} …and ${many(tier, counted.length)}, by rule: ${[...rulesOf(counted)].map(([rule, k]) => `${ruleLink(rule)} (${k})`).join(', ')}: in ${rest}.`);
            if (short.length || located.length)
                left.push(`the details of ${many(tier, short.length + located.length)} (${located.length ? 'listed here by rule and place' : 'one line each here'})`);
            if (counted.length)
                left.push(`where the last ${counted.length} of them are`);
            out.push('');
            continue;
        }
        out.push(...shown.map((x) => compactEntry(x, names)));
        if (shown.length < items.length) {
            out.push('', `_…and ${items.length - shown.length} more, ranked lower: in ${rest}._`);
            left.push(`${items.length - shown.length} of the ${many(tier, items.length)}`);
        }
        out.push('');
    }
    const notes = byTier.note;
    if (notes.length) {
        const rules = [...new Set(notes.flatMap((x) => x.findings.map((f) => f.rule)))];
        const summary = `${ICON.info} ${many('note', notes.length)}: ${rules.map((id) => `${id} (${notes.filter((x) => x.findings.some((f) => f.rule === id)).length})`).join(', ')}`;
        if (d.entries.note >= notes.length)
            out.push(...folded(summary, [...notes.map((x) => compactEntry(x, names)), '']));
        else
            (out.push(`${summary}: in ${rest}.`, ''), left.push(`the ${many('note', notes.length)}`));
    }
    const detail = (on, section, what) => on || !section.length ? out.push(...section) : left.push(what);
    const rows = migrationRows(r);
    detail(d.migrations || !r.verify, migrationsSection(r), `the table of the ${markdown_count(rows.length, 'migration')} with their marks`);
    detail(d.locks, locksSection(r), 'the locks table, statement by statement');
    detail(d.allFindings, allFindingsSection(r), `the list of all ${markdown_count(r.findings.length, 'finding')} with their fixes`);
    detail(d.schema, schemaSection(r), `the schema change (${markdown_count(r.verify?.schemaChange.length ?? 0, 'line')})`);
    out.push(...backupSection(r), ...planSection(r));
    if (left.length)
        out.push(`_Left out here to keep this short: ${left.join('; ')}. All of it is in ${rest}._`);
    return out.join('\n').trimEnd() + '\n';
}
/** The rules of a decision's errors, as one key. */
const errorRules = (x) => [...new Set(x.findings.filter((f) => f.severity === 'error').map((f) => f.rule))].sort().join(' ');
/** How many decisions each rule has. */
function rulesOf(items) {
    const counts = new Map();
    for (const rule of items.flatMap((x) => errorRules(x).split(' ')))
        counts.set(rule, (counts.get(rule) ?? 0) + 1);
    return counts;
}
/** Decisions by where they are only, grouped by their errors' rules: the shortest form that still names each one. */
function locations(items) {
    const groups = new Map();
    for (const x of items)
        groups.set(errorRules(x), [...(groups.get(errorRules(x)) ?? []), x]);
    return [...groups].map(([rules, list]) => `- ${ICON.error} ${rules.split(' ').map(ruleLink).join(', ')} (${list.length}): ${list.map((x) => code(x.line !== undefined ? `${x.file}:${x.line}` : (x.file ?? 'the run'), 120)).join(', ')}`);
}
/**
 * The report as Markdown, for the job summary, the PR comment and the CLI's markdown format: the verdict, then what
 * needs a decision, the locks on existing tables and the other warnings, one entry per statement with its evidence
 * merged and ranked by risk; then the detail, folded. With a budget, the detail goes first, then the lowest-ranked
 * entries, and the rendering says what it left out and where it is.
 */
function renderMarkdown(r, o = {}) {
    const items = reviewOf(r);
    const byTier = Object.fromEntries(TIERS.map((t) => [t, items.filter((x) => x.tier === t)]));
    const names = new Map([
        ...(r.verify?.migrations ?? []).flatMap((m) => [
            [m.downFile ?? m.file, m.name],
            [m.file, m.name],
        ]),
        ...r.pending.map((m) => [m.file, m.name]),
    ]);
    const rest = o.rest ?? 'the job summary and the JSON report';
    const size = o.size ?? ((s) => s.length);
    const all = {
        entries: { decision: Infinity, lock: Infinity, warning: Infinity, note: Infinity },
        compact: Infinity,
        located: Infinity,
        allFindings: true,
        locks: true,
        schema: true,
        migrations: true,
    };
    const draw = (d) => render(r, byTier, names, d, rest);
    const fits = (d) => o.budget === undefined || size(draw(d)) <= o.budget;
    // Less and less detail, until it fits: the full lists, the locks table, the schema change, the migrations
    // table, the notes; then entries from the bottom of the ranking up, keeping at least one that needs a decision.
    let d = all;
    for (const drop of [{ allFindings: false }, { locks: false }, { schema: false }, { migrations: false }]) {
        if (fits(d))
            return draw(d);
        d = { ...d, ...drop };
    }
    // The largest k in [lo, hi] for which the detail `at(k)` fits.
    const largest = (lo, hi, at) => {
        while (lo < hi) {
            const mid = Math.ceil((lo + hi) / 2);
            if (fits(at(mid)))
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    };
    for (const tier of ['note', 'warning', 'lock']) {
        if (fits(d))
            return draw(d);
        const k = largest(0, byTier[tier].length, (n) => ({ ...d, entries: { ...d.entries, [tier]: n } }));
        d = { ...d, entries: { ...d.entries, [tier]: k } };
    }
    // Decisions are not left out: fewer in full (at least one), the rest one line each; then fewer one-liners, the
    // rest named by rule and place; past many hundreds, the last ones counted by rule.
    const n = byTier.decision.length;
    if (!fits(d)) {
        const full = largest(Math.min(1, n), n, (k) => ({
            ...d,
            entries: { ...d.entries, decision: k },
            compact: Infinity,
        }));
        d = { ...d, entries: { ...d.entries, decision: full }, compact: Infinity };
        if (!fits(d))
            d = { ...d, compact: largest(0, n - full, (k) => ({ ...d, compact: k })) };
        if (!fits(d))
            d = { ...d, located: largest(0, n - full, (k) => ({ ...d, located: k })) };
    }
    const text = draw(d);
    return o.budget === undefined ? text : fitMarkdown(text, o.budget, size, rest);
}
/**
 * Cuts rendered Markdown to fit a limit, at a line boundary, with a note saying where the rest is.
 * `size` measures the text the way the limit does (bytes for the summary, characters for comments).
 */
function fitMarkdown(md, limit, size, rest) {
    if (size(md) <= limit)
        return md;
    const note = `\n\n_This report was cut to fit GitHub's limit; the full report is in ${rest}._\n`;
    const lines = md.split('\n');
    let out = '';
    for (const line of lines) {
        // Room is kept for the note and for closing a code block the cut may leave open.
        if (size(`${out}${line}\n`) + size(note) + 4 > limit)
            break;
        out += `${line}\n`;
    }
    // A cut inside a code block would leave it open.
    if ((out.match(/^```/gm)?.length ?? 0) % 2 === 1)
        out += '```\n';
    return `${out}${note}`;
}

;// CONCATENATED MODULE: ./src/report/sarif.ts




const LEVEL = { error: 'error', warning: 'warning', info: 'note' };
/** A rule's SARIF text, from the catalogue: every id the product reports has an entry (a test makes sure). */
function ruleOf(id, example) {
    const kind = kindOf(id);
    return {
        id,
        shortDescription: { text: kind?.title ?? id },
        fullDescription: { text: kind?.message ?? example.message },
        help: {
            text: kind?.help ?? example.help ?? '',
            markdown: kind
                ? `**What happens:** ${kind.message}\n\n**What to do:** ${kind.help}\n\nSee ${kind.docs}.`
                : (example.help ?? ''),
        },
        defaultConfiguration: { level: LEVEL[kind?.severity ?? example.severity] },
        properties: { tags: [kind?.area ?? 'unknown', ...(kind?.lock ? ['locks'] : [])] },
    };
}
/**
 * The findings as SARIF 2.1.0, for GitHub code scanning: every finding that points into a file, beyond the
 * annotation cap. Rules carry their title, what happens and what to do.
 */
function renderSarif(r, version) {
    const located = r.findings.filter((f) => f.file);
    const ids = [...new Set(located.map((f) => f.rule))];
    const rules = ids.map((id) => ruleOf(id, located.find((f) => f.rule === id)));
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'pg-migration-gate',
                        version,
                        informationUri: 'https://github.com/marketplace/actions/pg-migration-gate',
                        rules,
                    },
                },
                results: located.map((f) => ({
                    ruleId: f.rule,
                    ruleIndex: ids.indexOf(f.rule),
                    level: LEVEL[f.severity],
                    message: { text: f.help ? `${f.message} ${f.help}` : f.message },
                    locations: [
                        {
                            physicalLocation: {
                                artifactLocation: {
                                    uri: (r.root ? (0,external_node_path_.join)(r.root, f.file) : f.file).split('\\').join('/'),
                                    uriBaseId: '%SRCROOT%',
                                },
                                region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
                            },
                        },
                    ],
                })),
            },
        ],
    };
}
function writeSarif(path, r, version, secrets) {
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
    (0,external_node_fs_.writeFileSync)(path, `${redact(JSON.stringify(renderSarif(r, version), null, 2), secrets)}\n`);
}

;// CONCATENATED MODULE: ./src/report/text.ts


/**
 * The CLI's human output: the verdict, what ran or would run (each migration marked by its worst finding's
 * severity: ✗ error, ! warning, i note, ✓ none, - not run), then findings as `file:line:col  severity  rule  message`.
 * A plan or apply that stopped before its plan was made (no connection, another run's lock) shows no counts: it
 * knows none.
 */
function renderText(r) {
    const out = [];
    const errors = r.findings.filter((f) => f.severity === 'error').length;
    const verdict = r.ok ? 'OK' : r.cancelled ? 'CANCELLED' : 'FAILED';
    out.push(`${r.command}: ${verdict}${r.target ? ` — ${r.target}` : ''} (history table ${r.historyTable})`);
    if (r.verify) {
        const v = r.verify;
        out.push(`${v.migrations.length} new migration(s) on top of ${v.deployed} deployed`);
        for (const m of v.migrations) {
            const mine = findingsOf(r, [m.file, m.downFile]);
            const [apply, ...checks] = checkWords(m, mine);
            out.push(`  ${TEXT_MARK[markOf(mine, m.apply !== 'not run')]} ${m.name}: ${apply}${m.applyMs !== undefined ? ` (${m.applyMs} ms)` : ''}${checks.map((c) => `, ${c}`).join('')}${m.transaction ? '' : ', no transaction'}`);
            // Plain reads and writes (ACCESS SHARE, ROW SHARE, ROW EXCLUSIVE) are left out here; the JSON has them all.
            for (const s of m.statements.filter((x) => notableLocks(x.locks).length || x.rewrites.length)) {
                const locks = notableLocks(s.locks)
                    .map((l) => `${l.mode} ${l.relation}`)
                    .join(', ');
                out.push(`      line ${s.line}: ${locks}${s.rewrites.length ? `; rewrites ${s.rewrites.join(', ')}` : ''} (${s.durationMs} ms${s.observed ? '' : ', documented'})`);
            }
        }
        if (v.schemaChange.length)
            out.push('schema change:', ...v.schemaChange.map((c) => `  ${c}`));
    }
    else if (r.command === 'lint') {
        const counts = ['error', 'warning', 'info'].map((s) => `${r.findings.filter((f) => f.severity === s).length} ${s}(s)`);
        out.push(`${r.findings.length} finding(s): ${counts.join(', ')}`);
    }
    else if (r.command === 'apply' && r.planHash) {
        out.push(`applied ${r.applied.length} of ${r.pending.length} pending migration(s)`);
        for (const a of r.applied) {
            const p = r.pending.find((x) => x.version === a.version);
            out.push(`  ${TEXT_MARK[markOf(findingsOf(r, [p?.file]), true)]} ${a.version} ${a.name} (${a.durationMs} ms${a.transaction ? '' : ', no transaction'}${a.attempts > 1 ? `, ${a.attempts} attempts` : ''})`);
        }
        if (r.undone?.length)
            out.push(`undone by on-failure: undo, newest first: ${r.undone.length} migration(s)`);
        for (const u of r.undone ?? [])
            out.push(`  ${TEXT_MARK[markOf(findingsOf(r, [u.downFile]), true)]} ${u.version} ${u.name} with ${u.downFile} (${u.durationMs} ms${u.transaction ? '' : ', no transaction'})`);
        if (r.afterFailure === 'restored')
            out.push('on-failure: restore took back what this run applied');
    }
    else if (r.command === 'plan' && r.planHash) {
        out.push(`${r.pending.length} pending migration(s)`);
        for (const p of r.pending)
            out.push(`  ${TEXT_MARK[markOf(findingsOf(r, [p.file]), true)]} ${p.version} ${p.name}${p.transaction ? '' : ` (no transaction: ${p.transactionNote})`}`);
    }
    if (r.backup) {
        const b = r.backup;
        out.push(`backup: ${b.path} (${b.size} bytes, sha256 ${b.sha256})${b.artifactName ? ` uploaded as artifact ${b.artifactName} (${b.artifactId})` : ''}`, `restore with: ${b.restore}`);
    }
    if (r.planHash)
        out.push(`plan hash: ${r.planHash}`);
    for (const n of r.notes)
        out.push(`note: ${n}`);
    for (const f of r.findings) {
        const file = f.file && r.root ? (0,external_node_path_.join)(r.root, f.file) : f.file;
        const where = file ? `${file}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}` : '(database)';
        out.push(`${where}  ${f.severity}  ${f.rule}  ${f.message}${f.sqlstate ? ` [${f.sqlstate}]` : ''}`);
        if (f.help)
            out.push(`    help: ${f.help}`);
    }
    if (errors)
        out.push(`${errors} error(s)`);
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/foundation/product-version.ts
/** This tool's version, as in package.json (a test keeps them equal). */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./src/cli/cli.ts












// Loaded when used: the database client, the throwaway server and the prompt are not needed by every command, and
// lint, which needs none of them, starts in a fraction of the time without them.
const loadCommands = () => Promise.all(/* import() */[__nccwpck_require__.e(506), __nccwpck_require__.e(383)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2383));
/** The CLI has no environment gate: it asks before changing a database it did not start, unless --yes. */
async function cli_confirm(command, url) {
    const [{ targetIdentity }, { createInterface }] = await Promise.all([
        Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 7277)),
        Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 6848, 23)),
    ]);
    const target = targetIdentity(url);
    if (!process.stdin.isTTY) {
        throw new errors/* InputError */.dz([`${command} changes ${target}: pass --yes to confirm (no terminal to ask on)`]);
    }
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
        // Ctrl-C at the prompt ends readline with an AbortError: the same answer as "no".
        const answer = await rl.question(`${command} will change ${target}. Continue? [y/N] `).catch(() => '');
        if (!/^y(es)?$/i.test(answer.trim()))
            throw new errors/* InputError */.dz([`${command} cancelled: nothing was changed`]);
    }
    finally {
        rl.close();
    }
}
/**
 * The first SIGINT or SIGTERM cancels the run: the running migration is cancelled on the server and rolled back,
 * pg_dump or pg_restore is stopped with its server session, and the report is still printed. A second one, or one
 * while nothing runs yet, stops at once (stopNow: the tools and the throwaway server first), exit code 130.
 */
function cancelOnSignals(stopNow) {
    const controller = new AbortController();
    let running = false;
    let stopping = false;
    const on = (name) => {
        if (!running || controller.signal.aborted) {
            if (stopping)
                return;
            stopping = true;
            console.error(`${name} received${running ? ' again' : ''}: stopping now`);
            void stopNow(name).finally(() => process.exit(130));
            return;
        }
        console.error(`${name} received: cancelling the run (send it again to stop at once)`);
        controller.abort(name);
    };
    process.on('SIGINT', on).on('SIGTERM', on);
    return {
        signal: controller.signal,
        running: (v) => (running = v),
        dispose: () => process.off('SIGINT', on).off('SIGTERM', on),
    };
}
/** The CLI: argv -> the same config and commands as the action -> console. The only place that sets an exit code. */
async function main(argv) {
    (0,parse/* warmParser */.dh)();
    let server;
    let starting;
    // Also a server still starting: a signal then must not leave its postmaster and data folder behind.
    const stop = async () => {
        const s = server ?? (await starting?.catch(() => undefined));
        server = undefined;
        starting = undefined;
        await s?.stop();
    };
    let args;
    let config;
    let report;
    let started = false;
    let printed = false;
    // A second signal: the tools' process groups and server sessions end first, then the throwaway server; a run
    // that had started and printed nothing yet prints a report that says it was cancelled.
    const cancel = cancelOnSignals(async (name) => {
        const tools = await Promise.all(/* import() */[__nccwpck_require__.e(506), __nccwpck_require__.e(490)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5490));
        await tools.stopRunningTools();
        await stop();
        if (!started || printed)
            return;
        printed = true;
        const { CancelledError } = await Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 358));
        const stopped = new CancelledError(name, 'again before the run had wound down: it stopped at once, with its pg_dump or pg_restore and their server sessions; the history table shows what was applied');
        print((await loadCommands()).failedReport(config.command, stopped, {
            config,
            url: config?.databaseUrl,
            debug: args?.debug,
        }), args, config);
    });
    try {
        args = parseCliArgs(argv, process.env);
        if (args.help) {
            console.log(usage(args.help === 'all' ? undefined : args.help));
            return 0;
        }
        if (args.version) {
            console.log(VERSION);
            return 0;
        }
        config = parseConfig(args.raw, process.env);
        const secrets = config.secrets;
        const log = {
            info: (m) => console.error(redact(m, secrets)),
            warn: (m) => console.error(`warning: ${redact(m, secrets)}`),
            group: async (name, fn) => {
                console.error(`== ${redact(name, secrets)}`);
                return fn();
            },
        };
        let url = config.databaseUrl;
        if (!url && model_commands/* COMMAND_INFO */.v[config.command].needsDatabase) {
            starting = __nccwpck_require__.e(/* import() */ 740).then(__nccwpck_require__.bind(__nccwpck_require__, 7740)).then((m) => m.startEmbeddedServer());
            server = await starting;
            url = server.url;
            log.info(`no database URL given: started a throwaway PostgreSQL (${server.source}); it is removed when the run ends`);
        }
        if (!server && model_commands/* COMMAND_INFO */.v[config.command].writes && !args.yes)
            await cli_confirm(config.command, url);
        cancel.running(true);
        started = true;
        const { runCommand } = await loadCommands();
        report = await runCommand(config, {
            databaseUrl: url,
            log,
            appliedBy: args.appliedBy,
            files: args.files,
            backupDir: 'backups',
            throwaway: !!server,
            signal: cancel.signal,
            debug: args.debug,
        });
    }
    catch (err) {
        report = (await loadCommands()).failedReport(args?.raw.command || 'unknown', err, {
            config,
            url: config?.databaseUrl,
            debug: args?.debug,
        });
    }
    finally {
        cancel.dispose();
        await stop();
    }
    // A second signal may have printed its report already: one report per run.
    if (printed)
        return 130;
    printed = true;
    print(report, args, config);
    return report.cancelled ? 130 : (0,model_report/* exitCodeOf */.FO)(report);
}
/**
 * The report in the chosen format on stdout. A configuration problem means nothing ran: in text it is said once,
 * on stderr, where a person looks; the JSON and Markdown reports carry it on stdout too, for a program.
 */
function print(report, args, config) {
    const secrets = config?.secrets ?? [];
    const problems = report.findings.filter((f) => f.rule === model_report/* INPUT_RULE */.gG).map((f) => f.message);
    if (problems.length)
        console.error(redact(`${report.command === 'unknown' ? 'pg-migration-gate' : report.command}: configuration error:\n${problems.join('\n')}`, secrets));
    if (args?.reportPath)
        writeReport(args.reportPath, report, secrets);
    if (config?.sarifFile)
        writeSarif(config.sarifFile, report, VERSION, secrets);
    const format = args?.format ?? 'text';
    if (format === 'text' && problems.length && report.findings.every((f) => f.rule === model_report/* INPUT_RULE */.gG))
        return;
    const render = {
        json: () => renderJson(report, secrets),
        markdown: () => redact(renderMarkdown(report), secrets),
        text: () => redact(renderText(report), secrets),
    };
    console.log(render[format]());
}


/***/ }),

/***/ 7840:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration)
/* harmony export */ });
const UNITS = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000 };
/**
 * Parses a duration such as `5s`, `500ms`, `2min` or `1h` into milliseconds, rounded to the nearest whole one
 * (1.4ms is 1 ms, 1.5ms is 2 ms): PostgreSQL's timeouts count whole milliseconds. A timeout's `off` is 0. Below
 * 1 ms is refused, as PostgreSQL would round it to 0 and so turn the limit off. Returns an error message (naming
 * the input and the fix) instead of throwing, so config can collect them all.
 */
function parseDuration(input, value, kind) {
    const v = value.trim();
    const zero = kind === 'timeout' ? 'off to turn the limit off' : '0 not to wait';
    if (kind === 'timeout' && v.toLowerCase() === 'off')
        return 0;
    // A zero needs no unit; anything else does.
    const m = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h)?$/i.exec(v);
    if (!m || (!m[2] && Number(m[1]) !== 0))
        return `${input}: '${value}' is not a duration; write it with a unit, e.g. 5s, 500ms, 2min (${zero})`;
    const exact = m[2] ? Number(m[1]) * UNITS[m[2].toLowerCase()] : 0;
    if (exact === 0) {
        if (kind === 'wait')
            return 0;
        return `${input}: '${value}' would turn the limit off (PostgreSQL reads 0 as no limit); write off if that is meant, or a duration such as 5s`;
    }
    if (exact < 1)
        return `${input}: '${value}' is shorter than 1 ms, the least PostgreSQL counts; write 1ms or more (or ${zero})`;
    const ms = Math.round(exact);
    // PostgreSQL's timeouts are int4 milliseconds.
    if (ms > 2_147_483_647)
        return `${input}: '${value}' is longer than PostgreSQL allows (about 24 days)`;
    return ms;
}


/***/ }),

/***/ 5725:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a6: () => (/* binding */ INPUT_SPECS),
/* harmony export */   ak: () => (/* binding */ INPUT_GROUPS),
/* harmony export */   mc: () => (/* binding */ INPUTS),
/* harmony export */   mm: () => (/* binding */ inputSpec),
/* harmony export */   ui: () => (/* binding */ CHECKS)
/* harmony export */ });
/**
 * The jobs the inputs are grouped by, in this order, in action.yml, the README and the CLI's help: the few a team
 * must set, then the pull request check, the backup, the gated apply, and what most teams never touch.
 */
const INPUT_GROUPS = {
    essential: 'Set these',
    'pr-check': 'The pull request check (lint, verify)',
    backup: 'Backup and restore',
    apply: 'The gated apply (plan, apply)',
    advanced: 'Advanced',
};
const ALL = ['lint', 'verify', 'plan', 'apply', 'backup', 'restore'];
const FOLDER = ['lint', 'verify', 'plan', 'apply'];
/**
 * Every input, key for key and in the order of action.yml, with its default. The action, the CLI and the docs
 * test all read this one list; a test fails when action.yml or the README's tables drift from it.
 */
const INPUT_SPECS = {
    command: {
        default: 'verify',
        group: 'essential',
        commands: [],
        help: 'lint, verify, plan, apply, backup or restore',
    },
    'migrations-dir': {
        default: 'migrations',
        group: 'essential',
        commands: FOLDER,
        value: '<dir>',
        help: 'folder of .sql migrations (default: migrations)',
    },
    'database-url': {
        default: '',
        group: 'essential',
        commands: ALL,
        value: '<url>',
        help: "target database (default: $DATABASE_URL; none: a throwaway local server); lint only reads its server's version",
    },
    environment: {
        default: '',
        group: 'essential',
        commands: ['apply', 'restore'],
        value: '<name>',
        help: "the action's protected environment (apply, restore); the CLI asks instead",
    },
    'base-ref': {
        default: '',
        group: 'pr-check',
        commands: ['lint', 'verify'],
        value: '<ref>',
        help: "the change is what differs from this git ref (lint scope, verify's deployed/new split)",
    },
    checks: {
        default: 'all',
        group: 'pr-check',
        commands: ['verify'],
        value: '<list>',
        help: 'verify checks: all, or some of apply, idempotency, reversibility, locks, lint',
    },
    'fail-on': {
        default: 'error',
        group: 'pr-check',
        commands: ['lint', 'verify'],
        value: 'error|warning|never',
        help: 'the lowest lint severity that fails (default: error)',
    },
    'disable-rules': {
        default: '',
        group: 'pr-check',
        commands: ['lint', 'verify'],
        value: '<ids>',
        help: 'lint rules to turn off (comma-separated)',
    },
    idempotency: {
        default: 'warning',
        group: 'pr-check',
        commands: ['verify'],
        value: 'error|warning|off',
        help: 'how a migration that cannot be re-run is reported (default: warning)',
    },
    'seed-file': {
        default: '',
        group: 'pr-check',
        commands: ['verify'],
        value: '<file>',
        help: 'SQL or custom-format dump loaded before the new migrations',
    },
    'github-token': {
        default: '${{ github.token }}',
        group: 'pr-check',
        commands: ['restore'],
        value: '<token>',
        help: "GitHub token (the action's PR comment, environment and artifact reads)",
    },
    comment: {
        default: 'true',
        group: 'pr-check',
        commands: [],
        value: 'true|false',
        help: "the action's living pull request comment (default: true)",
    },
    'sarif-file': {
        default: '',
        group: 'pr-check',
        commands: ALL,
        value: '<file>',
        help: 'also write the findings as SARIF 2.1.0',
    },
    'backup-dir': {
        default: '',
        group: 'backup',
        commands: ['apply', 'backup'],
        value: '<dir>',
        help: 'where backups are written (default: ./backups)',
    },
    'pg-dump-path': {
        default: '',
        group: 'backup',
        commands: ['verify', 'apply', 'backup', 'restore'],
        value: '<path>',
        help: 'a pg_dump binary, or the folder holding pg_dump and pg_restore',
    },
    'backup-recipient': {
        default: '',
        group: 'backup',
        commands: ['apply', 'backup'],
        value: '<keys>',
        help: 'age public keys the backup is encrypted to',
    },
    'artifact-name': {
        default: '',
        group: 'backup',
        commands: ['apply', 'backup'],
        value: '<name>',
        help: "the backup artifact's name (in GitHub Actions)",
    },
    'retention-days': {
        default: '',
        group: 'backup',
        commands: ['apply', 'backup'],
        value: '<n>',
        help: 'how long the backup artifact is kept (in GitHub Actions)',
    },
    'backup-file': {
        default: '',
        group: 'backup',
        commands: ['restore'],
        value: '<dump>',
        help: 'the dump to restore (its .json beside it)',
    },
    'backup-artifact': {
        default: '',
        group: 'backup',
        commands: ['restore'],
        value: '<name>',
        help: 'the artifact to restore (in GitHub Actions)',
    },
    'backup-run-id': {
        default: '',
        group: 'backup',
        commands: ['restore'],
        value: '<id>',
        help: 'the run whose artifact to restore',
    },
    'backup-identity': {
        default: '',
        group: 'backup',
        commands: ['verify', 'restore'],
        value: '<key>',
        help: 'the age identity that decrypts an encrypted backup',
    },
    'restore-drill': {
        default: '',
        group: 'backup',
        commands: ['verify'],
        value: '<dump>',
        help: 'restore this dump into a scratch database and apply the pending migrations',
    },
    'expected-plan': {
        default: '',
        group: 'apply',
        commands: ['apply'],
        value: '<hash>',
        help: 'refuse unless the plan is this approved one',
    },
    backup: {
        default: 'true',
        group: 'apply',
        commands: ['apply'],
        value: 'true|false',
        help: 'take a verified backup first (default: true)',
    },
    'post-backup': {
        default: 'true',
        group: 'apply',
        commands: ['apply'],
        value: 'true|false',
        help: 'take a backup after a successful apply (default: true)',
    },
    'on-failure': {
        default: 'rollback',
        group: 'apply',
        commands: ['apply'],
        value: 'rollback|undo|restore|undo-or-restore',
        help: 'after a failure: keep what applied, undo it with the down scripts, restore the pre-apply backup, or undo and restore when undo cannot run',
    },
    'health-check': {
        default: '',
        group: 'apply',
        commands: ['apply'],
        value: '<sql>',
        help: 'SQL that must succeed (and return true) after the migrations',
    },
    'lock-timeout': {
        default: '200ms',
        group: 'apply',
        commands: ['verify', 'apply'],
        value: '<duration>',
        help: 'lock_timeout for each attempt of a migration, or off (default: 200ms)',
    },
    'lock-wait': {
        default: '60s',
        group: 'apply',
        commands: ['verify', 'apply'],
        value: '<duration>',
        help: "how long to wait for another run's lock, and to retry after lock timeouts (default: 60s)",
    },
    preflight: {
        default: 'warn',
        group: 'apply',
        commands: ['apply'],
        value: 'warn|strict',
        help: 'report sessions that would block the migrations, or refuse to start',
    },
    'history-table': {
        default: 'schema_migrations',
        group: 'advanced',
        commands: ALL,
        value: '<name>',
        help: 'history table, may be schema-qualified; "Quoted" keeps case (default: schema_migrations)',
    },
    'statement-timeout': {
        default: 'off',
        group: 'advanced',
        commands: ['verify', 'apply'],
        value: '<duration>',
        help: 'statement_timeout for each migration, or off (default: off)',
    },
    'lock-retries': {
        default: '100',
        group: 'advanced',
        commands: ['verify', 'apply'],
        value: '<n>',
        help: 'at most this many retries after lock timeouts, within lock-wait (default: 100)',
    },
    'allow-empty': {
        default: 'false',
        group: 'advanced',
        commands: FOLDER,
        help: 'a migrations folder with no migrations is not an error (a project that has none yet)',
    },
    'allow-out-of-order': {
        default: 'false',
        group: 'advanced',
        commands: ['verify', 'plan', 'apply'],
        help: 'run pending migrations older than the newest applied one',
    },
    baseline: {
        default: '',
        group: 'advanced',
        commands: ['verify', 'plan', 'apply'],
        value: '<version>',
        help: 'record migrations up to <version> as applied on a database without history',
    },
    'accept-edited': {
        default: '',
        group: 'advanced',
        commands: ['verify', 'plan', 'apply'],
        value: '<versions>',
        help: 'accept edits of applied migrations (comma-separated versions)',
    },
    'resolve-dirty': {
        default: '',
        group: 'advanced',
        commands: ['verify', 'plan', 'apply'],
        value: '<v>=rerun|applied',
        help: 'settle a half-applied non-transactional migration',
    },
    'postgres-version': {
        default: '',
        group: 'advanced',
        commands: ['lint', 'verify'],
        value: '<major>',
        help: "PostgreSQL version the migrations target (default: the server's, else newest)",
    },
    'pg-dump-docker': {
        default: 'auto',
        group: 'advanced',
        commands: ['apply', 'backup'],
        value: 'auto|true|false',
        help: "the postgres:<major> image's pg_dump: auto (when none installed is new enough), true, false",
    },
    'backup-lock-timeout': {
        default: '30s',
        group: 'advanced',
        commands: ['apply', 'backup', 'restore'],
        value: '<duration>',
        help: 'how long pg_dump and pg_restore wait for a table lock, or off (default: 30s)',
    },
    'restore-discards-writes': {
        default: 'false',
        group: 'advanced',
        commands: ['apply', 'restore'],
        value: 'true|false',
        help: 'restore even when others wrote since the backup (their writes are lost)',
    },
    'restore-to-other-database': {
        default: 'false',
        group: 'advanced',
        commands: ['restore'],
        value: 'true|false',
        help: 'restore onto a database the backup was not taken from',
    },
    'allow-ungated': {
        default: 'false',
        group: 'advanced',
        commands: ['apply', 'restore'],
        value: 'true|false',
        help: 'the action: apply or restore without proof of a protected environment',
    },
};
/** Every input's default, by name. */
const INPUTS = Object.fromEntries(Object.entries(INPUT_SPECS).map(([name, spec]) => [name, spec.default]));
/** The spec of an input, typed as every spec is. */
const inputSpec = (name) => INPUT_SPECS[name];
const CHECKS = ['apply', 'idempotency', 'reversibility', 'locks', 'lint'];


/***/ }),

/***/ 864:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   N8: () => (/* binding */ checkParams),
/* harmony export */   Rr: () => (/* binding */ parseConnString),
/* harmony export */   kF: () => (/* binding */ ConnStringError)
/* harmony export */ });
/* harmony import */ var _keywords_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8310);

/** A connection string libpq would refuse, or that this product cannot honour; never quotes a password. */
class ConnStringError extends Error {
    name = 'ConnStringError';
}
const ENCODE_HINT = 'characters such as / ? # @ : [ ] % in a user name or password must be percent-encoded (/ as %2F, @ as %40, : as %3A, # as %23, ? as %3F, % as %25)';
/**
 * Percent-decoding as libpq does it: every `%` must start two hex digits, and `%00` is refused. A `+` stays a `+`.
 * `what` names the part for the error, never its value (it may be a password).
 */
function decode(text, what) {
    if (!text.includes('%'))
        return text;
    if (/%(?![0-9a-f]{2})/i.test(text))
        throw new ConnStringError(`${what} holds a % that does not start a percent-encoded character; ${ENCODE_HINT}`);
    if (/%00/.test(text))
        throw new ConnStringError(`${what} holds %00, which libpq refuses`);
    return Buffer.from(text.replace(/%([0-9a-f]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}
/**
 * A `postgres://` or `postgresql://` URI, split as libpq splits it: the user info ends at the first `@` before any
 * `/`; hosts are a comma list of `host[:port]` with IPv6 in brackets; then `/dbname` and `?key=value&…`.
 */
function parseUri(uri) {
    const rest = uri.replace(/^postgres(?:ql)?:\/\//, '');
    const params = {};
    let p = 0;
    const at = rest.search(/[@/]/);
    if (at >= 0 && rest[at] === '@') {
        const info = rest.slice(0, at);
        const colon = info.indexOf(':');
        const user = colon >= 0 ? info.slice(0, colon) : info;
        if (user)
            params.user = decode(user, 'the user name');
        if (colon >= 0 && info.length > colon + 1)
            params.password = decode(info.slice(colon + 1), 'the password');
        p = at + 1;
    }
    else if (at >= 0 && /@[^?]*\//.test(rest.slice(at, rest.includes('?', at) ? rest.indexOf('?', at) : undefined))) {
        // An @ after a / means the / belongs to the user info: libpq would read a host and database out of the password.
        throw new ConnStringError(`the user name or password holds an unencoded /, so the host cannot be found; ${ENCODE_HINT}`);
    }
    const hosts = [];
    const ports = [];
    let sep = '';
    do {
        if (rest[p] === ',')
            p++;
        let host;
        if (rest[p] === '[') {
            const close = rest.indexOf(']', p);
            if (close < 0)
                throw new ConnStringError('the host starts an IPv6 address with [ that is never closed with ]');
            if (close === p + 1)
                throw new ConnStringError('the host is an empty IPv6 address []');
            host = rest.slice(p + 1, close);
            p = close + 1;
            if (p < rest.length && !':/?,'.includes(rest[p]))
                throw new ConnStringError('an IPv6 host in [ ] must be followed by :port, /database or ?parameters');
        }
        else {
            const end = rest.slice(p).search(/[:/?,]/);
            host = end < 0 ? rest.slice(p) : rest.slice(p, p + end);
            p = end < 0 ? rest.length : p + end;
        }
        sep = rest[p] ?? '';
        let port = '';
        if (sep === ':') {
            const end = rest.slice(p + 1).search(/[/?,]/);
            port = end < 0 ? rest.slice(p + 1) : rest.slice(p + 1, p + 1 + end);
            p = end < 0 ? rest.length : p + 1 + end;
            sep = rest[p] ?? '';
        }
        // No host name holds an @: a password with an unencoded @ split there, and the rest of it would be taken for the host.
        if (host.includes('@'))
            throw new ConnStringError(`the user name or password holds an unencoded @, so part of it would be taken for the host; ${ENCODE_HINT}`);
        hosts.push(decode(host, 'the host'));
        ports.push(decode(port, 'the port'));
    } while (rest[p] === ',');
    if (hosts.some(Boolean))
        params.host = hosts.join(',');
    if (ports.some(Boolean))
        params.port = ports.join(',');
    if (sep === '/') {
        const q = rest.indexOf('?', p);
        const db = q < 0 ? rest.slice(p + 1) : rest.slice(p + 1, q);
        if (db)
            params.dbname = decode(db, 'the database name');
        p = q < 0 ? rest.length : q;
    }
    if (rest[p] === '?') {
        for (const [i, pair] of rest
            .slice(p + 1)
            .split('&')
            .entries()) {
            if (!pair)
                continue;
            // Named by position, never by text: after a password with an unencoded & the text is part of the password.
            const eq = pair.indexOf('=');
            if (eq < 0)
                throw new ConnStringError(`query parameter ${i + 1} has no =value; ${ENCODE_HINT.replace('/ ?', '/ ? & =')}`);
            if (pair.indexOf('=', eq + 1) >= 0)
                throw new ConnStringError(`query parameter ${i + 1} holds a second =; percent-encode it as %3D`);
            const key = decode(pair.slice(0, eq), 'a query parameter');
            const value = decode(pair.slice(eq + 1), `the value of ${key}`);
            // libpq's one alias: ssl=true is sslmode=require.
            if (key === 'ssl' && value === 'true')
                params.sslmode = 'require';
            else
                params[key] = value;
        }
    }
    return params;
}
/** `key=value key2='quoted \' value'`, as libpq reads a conninfo string. */
function parseKeywordValue(text) {
    const params = {};
    let p = 0;
    const skip = () => {
        while (p < text.length && /\s/.test(text[p]))
            p++;
    };
    for (skip(); p < text.length; skip()) {
        const key = /^[^=\s]+/.exec(text.slice(p))?.[0] ?? '';
        p += key.length;
        skip();
        if (text[p] !== '=')
            throw new ConnStringError(`word ${Object.keys(params).length + 1} of the connection string has no =value; quote a value holding spaces ('…', with \\' and \\\\ inside)`);
        p++;
        skip();
        let value = '';
        if (text[p] === "'") {
            p++;
            for (; p < text.length && text[p] !== "'"; p++)
                value += text[p] === '\\' && p + 1 < text.length ? text[++p] : text[p];
            if (text[p] !== "'")
                throw new ConnStringError(`the value of ${key} opens a quote (') that is never closed`);
            p++;
        }
        else {
            for (; p < text.length && !/\s/.test(text[p]); p++)
                value += text[p] === '\\' && p + 1 < text.length ? text[++p] : text[p];
        }
        params[key] = value;
    }
    return params;
}
/** Whether `text` is a URI (the other form of a connection string is key=value pairs). */
const isUri = (text) => /^postgres(?:ql)?:\/\//.test(text);
/**
 * A connection string (URI or key=value) as libpq reads it, checked as libpq checks it, plus the refusals of what
 * this product cannot honour: an unknown keyword, a bad value, several hosts. Errors never quote a password.
 */
function parseConnString(text) {
    const trimmed = text.trim();
    if (!isUri(trimmed) && !/^\s*[^=\s]+\s*=/.test(trimmed)) {
        throw new ConnStringError('must be a postgresql:// URI (postgresql://user:password@host:5432/dbname?sslmode=require) or key=value pairs (host=… dbname=…)');
    }
    const params = isUri(trimmed) ? parseUri(trimmed) : parseKeywordValue(trimmed);
    checkParams(params);
    return params;
}
/**
 * A keyword for a message: quoted when it reads as one and comes before any password, else by position (text
 * after an unquoted password with a space in it may be the rest of the password).
 */
function nameOf(params, key) {
    const keys = Object.keys(params);
    const at = keys.indexOf(key);
    const afterPassword = keys.indexOf('password') >= 0 && keys.indexOf('password') < at;
    return /^[a-z_]{1,40}$/i.test(key) && !afterPassword ? `"${key}"` : `parameter ${at + 1}`;
}
/** Checks keywords and values as libpq does, and refuses what this product cannot honour. */
function checkParams(params) {
    for (const [key, value] of Object.entries(params)) {
        const foreign = _keywords_js__WEBPACK_IMPORTED_MODULE_0__/* .FOREIGN_SPELLINGS */ .B9[`${key}=${value}`] ?? _keywords_js__WEBPACK_IMPORTED_MODULE_0__/* .FOREIGN_SPELLINGS */ .B9[key];
        if (foreign)
            throw new ConnStringError(foreign);
        const kw = _keywords_js__WEBPACK_IMPORTED_MODULE_0__/* .KEYWORDS */ .d6[key];
        if (!kw)
            throw new ConnStringError(`${nameOf(params, key)} is not a connection parameter libpq knows (psql and pg_dump refuse it too); see https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS`);
        if (kw.refused)
            throw new ConnStringError(`${key}: ${kw.refused}`);
        if (key === 'password')
            continue;
        if (kw.values && !kw.values.includes(value))
            throw new ConnStringError(`${key}=${value} is not one of ${kw.values.join(', ')}`);
        const refusal = _keywords_js__WEBPACK_IMPORTED_MODULE_0__/* .REFUSED_VALUES */ .sY[key]?.[value];
        if (refusal)
            throw new ConnStringError(`${key}=${value}: ${refusal}`);
    }
    if ((params.host ?? '').includes(',') || (params.hostaddr ?? '').includes(',') || (params.port ?? '').includes(',')) {
        throw new ConnStringError('several hosts are not supported: name the one host of the primary (the direct URL your provider shows), not a list');
    }
    if (params.port !== undefined &&
        params.port !== '' &&
        !(/^\d+$/.test(params.port) && Number(params.port) >= 1 && Number(params.port) <= 65535)) {
        throw new ConnStringError(`the port is not a number from 1 to 65535; if the password holds a : or @, ${ENCODE_HINT}`);
    }
    for (const key of [
        'connect_timeout',
        'keepalives_idle',
        'keepalives_interval',
        'keepalives_count',
        'tcp_user_timeout',
    ]) {
        if (params[key] !== undefined && !/^-?\d+$/.test(params[key].trim()))
            throw new ConnStringError(`${key}=${params[key]} is not a whole number`);
    }
    if (params.client_encoding !== undefined && !/^(utf-?8|unicode|auto)$/i.test(params.client_encoding)) {
        throw new ConnStringError(`client_encoding=${params.client_encoding}: migrations are read as UTF-8 and sent as UTF-8; remove client_encoding (or set it to UTF8)`);
    }
}


/***/ }),

/***/ 1844:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $m: () => (/* binding */ DEFAULT_SOCKET_DIRS),
/* harmony export */   nx: () => (/* binding */ DEFAULT_CONNECT_TIMEOUT_S),
/* harmony export */   rO: () => (/* binding */ withDefaults),
/* harmony export */   zG: () => (/* binding */ isSocketDir)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/**
 * Where libpq looks for a local server's socket when no host is named: Debian's and Ubuntu's libpq use
 * /var/run/postgresql, the upstream default is /tmp. The one holding the port's socket is taken, else Debian's.
 */
const DEFAULT_SOCKET_DIRS = ['/var/run/postgresql', '/tmp'];
/** How long a connection attempt may take when connect_timeout does not say (libpq waits forever). */
const DEFAULT_CONNECT_TIMEOUT_S = 15;
const isSocketDir = (host) => !!host && (host.startsWith('/') || host.startsWith('@'));
/** The operating system's user, as libpq takes it when no user is named (not $USER, which anyone may set). */
const osUser = () => (0,node_os__WEBPACK_IMPORTED_MODULE_1__.userInfo)().username;
/**
 * The parameters with libpq's defaults for what is left unnamed: the host (a local socket folder, unless hostaddr
 * names an address), the port, the user (the operating system's) and the database (the user's name).
 */
function withDefaults(p) {
    const port = p.port || '5432';
    const host = p.host ||
        (p.hostaddr
            ? undefined
            : (DEFAULT_SOCKET_DIRS.find((d) => (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(d, `.s.PGSQL.${port}`))) ?? DEFAULT_SOCKET_DIRS[0]));
    const user = p.user || osUser();
    return { ...p, ...(host ? { host } : {}), port, user, dbname: p.dbname || user };
}


/***/ }),

/***/ 8310:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   B9: () => (/* binding */ FOREIGN_SPELLINGS),
/* harmony export */   d6: () => (/* binding */ KEYWORDS),
/* harmony export */   sY: () => (/* binding */ REFUSED_VALUES)
/* harmony export */ });
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];
const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];
const KEYWORDS = {
    host: { env: 'PGHOST', since: 9 },
    hostaddr: { env: 'PGHOSTADDR', since: 9 },
    port: { env: 'PGPORT', since: 9 },
    dbname: { env: 'PGDATABASE', since: 9 },
    user: { env: 'PGUSER', since: 9 },
    password: { env: 'PGPASSWORD', since: 9 },
    passfile: { env: 'PGPASSFILE', since: 10, file: true },
    service: { env: 'PGSERVICE', since: 9 },
    connect_timeout: { env: 'PGCONNECT_TIMEOUT', since: 9 },
    client_encoding: { env: 'PGCLIENTENCODING', since: 9 },
    options: { env: 'PGOPTIONS', since: 9 },
    application_name: { env: 'PGAPPNAME', since: 9 },
    fallback_application_name: { since: 9 },
    keepalives: { since: 9, values: ['0', '1'] },
    keepalives_idle: { since: 9 },
    keepalives_interval: { since: 9 },
    keepalives_count: { since: 9 },
    tcp_user_timeout: { since: 12 },
    target_session_attrs: {
        env: 'PGTARGETSESSIONATTRS',
        since: 10,
        values: ['any', 'read-write', 'read-only', 'primary', 'standby', 'prefer-standby'],
    },
    load_balance_hosts: { env: 'PGLOADBALANCEHOSTS', since: 16, values: ['disable', 'random'] },
    sslmode: { env: 'PGSSLMODE', since: 9, values: SSL_MODES },
    sslcompression: { env: 'PGSSLCOMPRESSION', since: 9, values: ['0', '1'] },
    sslcert: { env: 'PGSSLCERT', since: 9, file: true },
    sslkey: { env: 'PGSSLKEY', since: 9, file: true },
    sslpassword: { since: 13 },
    sslcertmode: { env: 'PGSSLCERTMODE', since: 16, values: ['disable', 'allow', 'require'] },
    sslrootcert: { env: 'PGSSLROOTCERT', since: 9, file: true },
    sslcrl: { env: 'PGSSLCRL', since: 9, file: true },
    sslcrldir: {
        env: 'PGSSLCRLDIR',
        since: 14,
        refused: 'a CRL directory cannot be read by the driver this product uses; concatenate the CRLs into one file and name it with sslcrl',
    },
    sslsni: { env: 'PGSSLSNI', since: 14, values: ['0', '1'] },
    ssl_min_protocol_version: { env: 'PGSSLMINPROTOCOLVERSION', since: 13, values: TLS_VERSIONS },
    ssl_max_protocol_version: { env: 'PGSSLMAXPROTOCOLVERSION', since: 13, values: TLS_VERSIONS },
    sslnegotiation: { env: 'PGSSLNEGOTIATION', since: 17, values: ['postgres', 'direct'] },
    sslkeylogfile: { since: 18, refused: 'writing TLS session keys to a file is not supported; remove sslkeylogfile' },
    channel_binding: { env: 'PGCHANNELBINDING', since: 13, values: ['disable', 'prefer', 'require'] },
    gssencmode: { env: 'PGGSSENCMODE', since: 12, values: ['disable', 'prefer', 'require'] },
    krbsrvname: { env: 'PGKRBSRVNAME', since: 9 },
    gsslib: { env: 'PGGSSLIB', since: 9 },
    gssdelegation: { env: 'PGGSSDELEGATION', since: 17, values: ['0', '1'] },
    requirepeer: {
        env: 'PGREQUIREPEER',
        since: 9,
        refused: 'the peer of a Unix socket cannot be checked by the driver this product uses; remove requirepeer',
    },
    require_auth: {
        env: 'PGREQUIREAUTH',
        since: 16,
        refused: 'the driver this product uses cannot restrict the authentication methods it accepts; remove require_auth',
    },
    replication: { since: 9, refused: 'a replication connection cannot run migrations; remove replication' },
    min_protocol_version: { env: 'PGMINPROTOCOLVERSION', since: 18 },
    max_protocol_version: { env: 'PGMAXPROTOCOLVERSION', since: 18 },
    oauth_issuer: {
        since: 18,
        refused: 'OAuth sign-in is not supported by the driver this product uses; use a password or a client certificate',
    },
    oauth_client_id: {
        since: 18,
        refused: 'OAuth sign-in is not supported by the driver this product uses; use a password or a client certificate',
    },
    oauth_client_secret: {
        since: 18,
        refused: 'OAuth sign-in is not supported by the driver this product uses; use a password or a client certificate',
    },
    oauth_scope: {
        since: 18,
        refused: 'OAuth sign-in is not supported by the driver this product uses; use a password or a client certificate',
    },
};
/**
 * Values libpq accepts that this product cannot honour as psql would: refused with the reason. (gssencmode=prefer
 * and channel_binding=prefer fall back as libpq does when GSSAPI or channel binding are not to be had.)
 */
const REFUSED_VALUES = {
    gssencmode: {
        require: 'GSSAPI encryption is not supported by the driver this product uses; use sslmode=require or stronger instead',
    },
    sslnegotiation: {
        direct: 'direct TLS negotiation (PostgreSQL 17) is not supported by pg-migration-gate; remove sslnegotiation: every server also accepts the standard negotiation, with the same sslmode checks',
    },
    sslcertmode: {
        require: 'the driver this product uses cannot require that the server asks for the client certificate; use sslcertmode=allow',
    },
    sslsni: {
        '0': 'the driver this product uses always names the host to the server during the TLS handshake (SNI); remove sslsni=0',
    },
};
/** Driver-only spellings that libpq (psql, pg_dump) rejects, with the libpq form that means what the user wants. */
const FOREIGN_SPELLINGS = {
    'sslmode=no-verify': 'sslmode=no-verify is a node-postgres value that psql and pg_dump reject; use sslmode=require, which encrypts without checking the certificate, exactly as psql does',
    uselibpqcompat: 'uselibpqcompat is a node-postgres switch that psql and pg_dump reject; remove it: sslmode is always read as libpq reads it here',
    ssl: 'ssl is a node-postgres parameter (libpq knows only ssl=true); use sslmode=require (or verify-full with sslrootcert)',
};


/***/ }),

/***/ 7277:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.r(__webpack_exports__);
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   hostOf: () => (/* binding */ hostOf),
/* harmony export */   targetIdentity: () => (/* binding */ targetIdentity),
/* harmony export */   toUrl: () => (/* binding */ toUrl),
/* harmony export */   withDatabase: () => (/* binding */ withDatabase)
/* harmony export */ });
/* harmony import */ var _conn_string_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(864);

const enc = (s) => encodeURIComponent(s);
/**
 * Parameters as a postgresql:// URI that libpq reads back to the same parameters: user, password, host, port and
 * database in their places (a Unix-socket directory and hostaddr as query parameters), the rest after `?`.
 */
function toUrl(p) {
    const { user, password, host, port, dbname, ...rest } = p;
    const socket = host?.startsWith('/') || host?.startsWith('@');
    const query = Object.entries(rest);
    if (socket)
        query.unshift(['host', host]);
    const auth = user !== undefined || password !== undefined
        ? `${enc(user ?? '')}${password !== undefined ? `:${enc(password)}` : ''}@`
        : '';
    const h = !host || socket ? '' : host.includes(':') ? `[${host.replace(/%/g, '%25')}]` : enc(host);
    const q = query.length ? `?${query.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')}` : '';
    return `postgresql://${auth}${h}${port ? `:${port}` : ''}/${enc(dbname ?? '')}${q}`;
}
/** The host libpq connects to for these parameters (hostaddr wins for the address, host names it). */
function hostOf(p) {
    return p.host || p.hostaddr || 'localhost';
}
/** host:port/database of a connection string: names the target in reports, without credentials. */
function targetIdentity(text) {
    const p = (0,_conn_string_js__WEBPACK_IMPORTED_MODULE_0__/* .parseConnString */ .Rr)(text);
    return `${hostOf(p)}:${p.port || '5432'}/${p.dbname ?? p.user ?? ''}`;
}
/** The same connection to another database of the server (verify's scratch databases). */
function withDatabase(text, dbname) {
    return toUrl({ ...(0,_conn_string_js__WEBPACK_IMPORTED_MODULE_0__/* .parseConnString */ .Rr)(text), dbname });
}


/***/ }),

/***/ 358:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CancelledError: () => (/* binding */ CancelledError),
/* harmony export */   Py: () => (/* binding */ MigrationError),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   j$: () => (/* binding */ formatLocation),
/* harmony export */   qq: () => (/* binding */ StateError),
/* harmony export */   v4: () => (/* binding */ ToolError)
/* harmony export */ });
function formatLocation(loc) {
    return `${loc.file}:${loc.line}:${loc.column}`;
}
/** An error made of several problems, one line each, every one saying what is wrong and what to do. */
class ProblemsError extends Error {
    problems;
    constructor(problems, options) {
        super(problems.join('\n'), options);
        this.problems = problems;
    }
}
/**
 * Input the tool cannot work with: configuration, a migrations folder it cannot read, names it cannot order.
 * Nothing has been changed when one is thrown. The CLI exits 2 on it.
 */
class InputError extends ProblemsError {
    name = 'InputError';
}
/** A tool this one runs (pg_dump, pg_restore, psql, docker) that exited with an error: its name and what it said last. */
class ToolError extends Error {
    tool;
    exit;
    said;
    name = 'ToolError';
    constructor(tool, exit, said) {
        super(`${tool} exited with ${exit}: ${said || '(no message)'}`);
        this.tool = tool;
        this.exit = exit;
        this.said = said;
    }
}
/** A migration that could not be parsed or applied; carries where, and what this run already did. */
class MigrationError extends Error {
    details;
    name = 'MigrationError';
    constructor(message, details = {}) {
        super(message, { cause: details.cause });
        this.details = details;
    }
}
/** The database is not in a state this run may proceed from (drift, dirty, missing, out of order, locked). */
class StateError extends ProblemsError {
    name = 'StateError';
}
/**
 * The run was cancelled (SIGINT, SIGTERM) while a step waited or worked: what it started is stopped (a tool's
 * processes and its server session, a query) and nothing after it runs. `reason` is the signal.
 */
class CancelledError extends Error {
    reason;
    name = 'CancelledError';
    constructor(reason, when, options) {
        super(`cancelled (${reason}) ${when}`, options);
        this.reason = reason;
    }
}


/***/ }),

/***/ 7454:
/***/ ((__unused_webpack_module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {


;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");
var external_node_module_default = /*#__PURE__*/__nccwpck_require__.n(external_node_module_namespaceObject);
;// CONCATENATED MODULE: external "node:v8"
const external_node_v8_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:v8");
;// CONCATENATED MODULE: ./src/foundation/process-settings.ts


/**
 * Process settings for a short CLI run, applied before anything else is loaded (the bin imports this first).
 *
 * The parser is WebAssembly. V8 first compiles it with its baseline compiler, then recompiles the hottest
 * functions with its optimising compiler in background threads, and a process cannot exit before those jobs
 * finish: a one-file lint waited about 60 ms on Node 20 and 300 ms on Node 24 for code it never ran, and on a
 * thousand files the recompiling cost more than it saved. So no function is picked for recompiling: the filter
 * names a function index no module has (`--liftoff-only` would say the same, but Node 24 ignores it once started).
 * This must happen before the module is compiled, which is why it runs first.
 *
 * Node 22.1+ can cache compiled JavaScript between runs (in the OS temp folder); on Node 20 this does nothing.
 * WebAssembly has no such cache in Node: v8.serialize() of a WebAssembly.Module yields no code.
 */
(0,external_node_v8_namespaceObject.setFlagsFromString)('--wasm-tier-up-filter=2147483647');
external_node_module_default().enableCompileCache?.();


/***/ }),

/***/ 4001:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $C: () => (/* binding */ columnDefs),
/* harmony export */   $x: () => (/* binding */ tableConstraints),
/* harmony export */   BR: () => (/* binding */ typeNameOf),
/* harmony export */   DU: () => (/* binding */ foreignKeys),
/* harmony export */   Fp: () => (/* binding */ SERIAL_TYPES),
/* harmony export */   HC: () => (/* binding */ relText),
/* harmony export */   Im: () => (/* binding */ constraintsOf),
/* harmony export */   JR: () => (/* binding */ addedColumn),
/* harmony export */   LS: () => (/* binding */ notNullCheckColumn),
/* harmony export */   PR: () => (/* binding */ hasTypmods),
/* harmony export */   QB: () => (/* binding */ typmodValues),
/* harmony export */   Ui: () => (/* binding */ addedConstraint),
/* harmony export */   bH: () => (/* binding */ stringConstants),
/* harmony export */   c_: () => (/* binding */ tableOf),
/* harmony export */   jO: () => (/* binding */ relKey),
/* harmony export */   mt: () => (/* binding */ txControl),
/* harmony export */   mu: () => (/* binding */ keyNames),
/* harmony export */   pK: () => (/* binding */ introducedColumns),
/* harmony export */   sy: () => (/* binding */ alterCmds),
/* harmony export */   ve: () => (/* binding */ relName),
/* harmony export */   xR: () => (/* binding */ functionsCalled)
/* harmony export */ });
/* harmony import */ var _migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7246);
/* harmony import */ var _migrations_transaction_control_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5189);


function relName(rangeVar) {
    if (!rangeVar?.relname)
        return undefined;
    return { schema: rangeVar.schemaname, name: rangeVar.relname };
}
/** The table a statement names as its `relation` (ALTER TABLE, CREATE INDEX, …), whatever its kind. */
const tableOf = (s) => relName((0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .relationOf */ .Ke)(s));
/** A comparable key; unqualified names and `public.` names are taken as the same table. */
function relKey(r) {
    return `${r.schema && r.schema !== 'public' ? `${r.schema}.` : ''}${r.name}`.toLowerCase();
}
function relText(r) {
    return r.schema ? `${r.schema}.${r.name}` : r.name;
}
const cache = new WeakMap();
function cached(s, key, make) {
    let entry = cache.get(s.node);
    if (!entry)
        cache.set(s.node, (entry = {}));
    return (entry[key] ??= make());
}
/** The sub-commands of an ALTER TABLE, each with its subtype. */
function alterCmds(s) {
    if (s.kind !== 'AlterTableStmt')
        return [];
    return cached(s, 'cmds', () => (0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodesOf */ .Nh)(s.node.cmds, 'AlterTableCmd'));
}
/** The column an ALTER TABLE sub-command adds (ADD COLUMN), if it adds one. */
const addedColumn = (cmd) => cmd.subtype === 'AT_AddColumn' ? (0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeAs */ .hK)(cmd.def, 'ColumnDef') : undefined;
/** The constraint an ALTER TABLE sub-command adds (ADD CONSTRAINT), if it adds one. */
const addedConstraint = (cmd) => cmd.subtype === 'AT_AddConstraint' ? (0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeAs */ .hK)(cmd.def, 'Constraint') : undefined;
/** The pseudo-types that create a sequence for their column (written as types, they are not types). */
const SERIAL_TYPES = new Set([
    'serial',
    'serial2',
    'serial4',
    'serial8',
    'smallserial',
    'bigserial',
]);
const typeNames = new WeakMap();
/** `pg_catalog.int4` -> `int4`; `serial` -> `serial`. */
function typeNameOf(typeName) {
    if (!typeName)
        return '';
    let name = typeNames.get(typeName);
    if (name === undefined)
        typeNames.set(typeName, (name = ((0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nameParts */ .IN)(typeName.names).at(-1) ?? '').toLowerCase()));
    return name;
}
const control = new WeakMap();
/** The file's transaction control (see migrations/transaction-control.ts), read once for all the rules. */
function txControl(statements) {
    let c = control.get(statements);
    if (!c)
        control.set(statements, (c = (0,_migrations_transaction_control_js__WEBPACK_IMPORTED_MODULE_1__/* .transactionControl */ .m)(statements)));
    return c;
}
function hasTypmods(typeName) {
    return !!typeName?.typmods?.length;
}
/** A type's modifiers (`varchar(20)` → [20]); NaN for one that is not an integer constant. */
function typmodValues(typeName) {
    return (typeName?.typmods ?? []).map((m) => Number((0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeAs */ .hK)(m, 'A_Const')?.ival?.ival ?? NaN));
}
function constraintsOf(colDef) {
    return (0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodesOf */ .Nh)(colDef?.constraints, 'Constraint');
}
/** Names of every function called anywhere inside an expression. */
function functionsCalled(expr, out = []) {
    if (Array.isArray(expr))
        for (const e of expr)
            functionsCalled(e, out);
    else if (expr && typeof expr === 'object') {
        for (const [k, v] of Object.entries(expr)) {
            if (k === 'FuncCall')
                out.push(((0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nameParts */ .IN)(v.funcname).at(-1) ?? '').toLowerCase());
            functionsCalled(v, out);
        }
    }
    return out;
}
/** Every string constant inside a node. */
function stringConstants(node, out = []) {
    if (Array.isArray(node))
        for (const e of node)
            stringConstants(e, out);
    else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
            const text = k === 'A_Const' ? v.sval : undefined;
            if (text)
                out.push(text.sval ?? '');
            else
                stringConstants(v, out);
        }
    }
    return out;
}
/** Columns of a CREATE TABLE. */
function columnDefs(s) {
    if (s.kind !== 'CreateStmt')
        return [];
    return cached(s, 'columns', () => (0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodesOf */ .Nh)(s.node.tableElts, 'ColumnDef'));
}
/** Column definitions a statement introduces: CREATE TABLE columns and ALTER TABLE … ADD COLUMN. */
function introducedColumns(s) {
    if (s.kind !== 'CreateStmt' && s.kind !== 'AlterTableStmt')
        return [];
    return cached(s, 'introduced', () => [...columnDefs(s), ...alterCmds(s).flatMap((c) => addedColumn(c) ?? [])]);
}
/** The table constraints of a CREATE TABLE (`PRIMARY KEY (a, b)`, …), not those written on a column. */
function tableConstraints(s) {
    return s.kind === 'CreateStmt' ? (0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodesOf */ .Nh)(s.node.tableElts, 'Constraint') : [];
}
/** Column names of a constraint's key list (`keys`, `fk_attrs`, `pk_attrs`), lower-cased. */
function keyNames(keys) {
    return (0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nameParts */ .IN)(keys).map((k) => k.toLowerCase());
}
/** The column a CHECK expression proves NOT NULL (`col IS NOT NULL`), if that is all it says. */
function notNullCheckColumn(expr) {
    const t = (0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeAs */ .hK)(expr, 'NullTest');
    const fields = (0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeAs */ .hK)(t?.arg, 'ColumnRef')?.fields ?? [];
    return t?.nulltesttype === 'IS_NOT_NULL' && fields.length === 1
        ? ((0,_migrations_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .stringOf */ .Je)(fields[0]) ?? '').toLowerCase() || undefined
        : undefined;
}
const keysOf = new WeakMap();
/** Foreign keys a CREATE TABLE or ALTER TABLE adds, written on a column or as a table constraint. */
function foreignKeys(s) {
    if (s.kind !== 'CreateStmt' && s.kind !== 'AlterTableStmt')
        return [];
    let keys = keysOf.get(s.node);
    if (!keys)
        keysOf.set(s.node, (keys = findForeignKeys(s)));
    return keys;
}
function findForeignKeys(s) {
    const onColumns = introducedColumns(s).flatMap((col) => constraintsOf(col)
        .filter((c) => c.contype === 'CONSTR_FOREIGN')
        .map((c) => ({ constraint: c, columns: [String(col.colname).toLowerCase()], column: col })));
    const tableLevel = [...tableConstraints(s), ...alterCmds(s).flatMap((c) => addedConstraint(c) ?? [])]
        .filter((c) => c.contype === 'CONSTR_FOREIGN')
        .map((c) => ({ constraint: c, columns: keyNames(c.fk_attrs) }));
    return [...onColumns, ...tableLevel];
}


/***/ }),

/***/ 7257:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hi: () => (/* binding */ folderConventions),
/* harmony export */   dn: () => (/* binding */ idempotencyOf),
/* harmony export */   gJ: () => (/* binding */ versionStyle)
/* harmony export */ });
/** CREATE/DROP statements that can say IF [NOT] EXISTS (or OR REPLACE), and whether they do. */
function idempotencyOf(s) {
    switch (s.kind) {
        case 'CreateStmt':
        case 'IndexStmt':
        case 'CreateSeqStmt':
        case 'CreateSchemaStmt':
        case 'CreateExtensionStmt':
            return s.node.if_not_exists === true;
        case 'ViewStmt':
            return s.node.replace === true;
        case 'CreateFunctionStmt':
            return s.node.replace === true;
        case 'DropStmt':
            return s.node.missing_ok === true;
        default:
            return undefined;
    }
}
/** `20240119_143000` and `20240119143000` are timestamps; `001` is a number of width 3. */
function versionStyle(version) {
    if (/^\d{8}_?\d{6}$/.test(version))
        return 'timestamp';
    if (/^\d{4}-\d{2}-\d{2}-\d{6}$/.test(version))
        return 'timestamp';
    return /^\d+$/.test(version) ? `number:${version.length}` : 'other';
}
function majority(values) {
    const counts = new Map();
    for (const v of values)
        counts.set(v, (counts.get(v) ?? 0) + 1);
    let best;
    let n = 0;
    for (const [v, c] of counts)
        if (c > n)
            [best, n] = [v, c];
    return n * 2 > values.length ? best : undefined;
}
/** Reads the habits of a folder from all its migrations: idempotent DDL, header comments, version style. */
function folderConventions(files) {
    const flags = files.flatMap((f) => f.statements.map(idempotencyOf).filter((x) => x !== undefined));
    const headed = files.filter((f) => /^\s*(--|\/\*)/.test(f.text)).length;
    const styles = files
        .map((f) => f.version)
        .filter((v) => !!v)
        .map(versionStyle);
    return {
        idempotent: flags.length >= 2 && flags.filter(Boolean).length * 2 > flags.length,
        headers: files.length >= 2 && headed * 2 > files.length,
        versionStyle: styles.length >= 2 ? majority(styles) : undefined,
    };
}


/***/ }),

/***/ 8224:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  y: () => (/* binding */ RULES),
  B: () => (/* binding */ ruleById)
});

// EXTERNAL MODULE: ./src/migrations/ast-node.ts
var ast_node = __nccwpck_require__(7246);
// EXTERNAL MODULE: ./src/lint/ast.ts
var ast = __nccwpck_require__(4001);
;// CONCATENATED MODULE: ./src/lint/rule.ts

/** Hits for every statement (with its index) that matches. */
function eachStatement(ctx, match) {
    const hits = [];
    const statements = ctx.file.statements;
    for (let i = 0; i < statements.length; i++) {
        const m = match(statements[i], i);
        if (m)
            hits.push({ statement: statements[i], detail: typeof m === 'string' ? m : undefined });
    }
    return hits;
}
/** One hit per column a statement introduces (CREATE TABLE, ADD COLUMN) that matches, at the column itself. */
function eachNewColumn(ctx, match, detail) {
    const hits = [];
    for (const statement of ctx.file.statements) {
        for (const col of (0,ast/* introducedColumns */.pK)(statement))
            if (match(col))
                hits.push({ statement, location: ctx.locate(col.location), detail: detail(col) });
    }
    return hits;
}

;// CONCATENATED MODULE: ./src/lint/rules/adding-domain-constraint.ts


/** ALTER DOMAIN subtypes that check every stored value of the domain: ADD CONSTRAINT, VALIDATE, SET NOT NULL. */
const CHECKS_VALUES = { C: 'ADD CONSTRAINT', V: 'VALIDATE CONSTRAINT', O: 'SET NOT NULL' };
const domainName = (names) => (0,ast_node/* nameParts */.IN)(names).join('.');
function createdInFile(statements, index, name) {
    return statements
        .slice(0, index)
        .some((p) => p.kind === 'CreateDomainStmt' && domainName(p.node.domainname) === name);
}
const rule = {
    id: 'adding-domain-constraint',
    group: 'locking',
    severity: 'warning',
    title: 'ALTER DOMAIN … ADD CONSTRAINT, VALIDATE CONSTRAINT or SET NOT NULL',
    message: 'Every value of the domain, in every table with a column of it, is checked while writes to those tables are blocked (SHARE lock); for a domain, VALIDATE CONSTRAINT blocks writes just the same.',
    help: 'Put the rule on the table columns instead: ALTER TABLE … ADD CONSTRAINT … CHECK (…) NOT VALID, then VALIDATE CONSTRAINT in a later migration, which lets writes go on.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        if (s.kind !== 'AlterDomainStmt')
            return false;
        const what = CHECKS_VALUES[s.node.subtype ?? ''];
        // Added NOT VALID, the constraint checks nothing yet: the scan comes with VALIDATE, which is flagged there.
        if (!what || (s.node.subtype === 'C' && (0,ast_node/* nodeAs */.hK)(s.node.def, 'Constraint')?.skip_validation))
            return false;
        const name = domainName(s.node.typeName);
        return !createdInFile(ctx.file.statements, i, name) && `${what} on domain ${name}.`;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/adding-exclusion-constraint.ts



const adding_exclusion_constraint_rule = {
    id: 'adding-exclusion-constraint',
    group: 'locking',
    severity: 'warning',
    title: 'EXCLUDE constraint added to an existing table',
    message: 'The exclusion constraint builds its index and checks every row while the table is locked against reads and writes (ACCESS EXCLUSIVE); unlike UNIQUE, it cannot adopt an index built concurrently beforehand.',
    help: 'Declare exclusion constraints when the table is created; on a large existing table, plan a maintenance window, or build a new table with the constraint, copy the rows over and swap the names.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const c = (0,ast/* alterCmds */.sy)(s)
            .filter((cmd) => cmd.subtype === 'AT_AddConstraint')
            .map((cmd) => (0,ast_node/* nodeAs */.hK)(cmd.def, 'Constraint'))
            .find((k) => k?.contype === 'CONSTR_EXCLUSION');
        return !!c && !ctx.createdBefore((0,ast/* tableOf */.c_)(s), i) && `Constraint ${c.conname ?? '(unnamed)'}.`;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/adding-required-column.ts


const adding_required_column_rule = {
    id: 'adding-required-column',
    group: 'compatibility',
    severity: 'error',
    title: 'ADD COLUMN … NOT NULL without a default',
    message: 'The statement fails on any table that has rows (they would hold NULL), and inserts by code that does not know the column fail too.',
    help: 'Add the column with a DEFAULT, or add it nullable, backfill, then set NOT NULL.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const column = (0,ast/* alterCmds */.sy)(s)
            .map(ast/* addedColumn */.JR)
            .find((c) => {
            const kinds = (0,ast/* constraintsOf */.Im)(c).map((k) => k.contype);
            return (!!c &&
                kinds.includes('CONSTR_NOTNULL') &&
                !kinds.includes('CONSTR_DEFAULT') &&
                !kinds.includes('CONSTR_IDENTITY') &&
                !kinds.includes('CONSTR_GENERATED'));
        });
        return column && !ctx.createdBefore((0,ast/* tableOf */.c_)(s), i) ? `Column ${column.colname}.` : false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/adding-serial-or-generated-column.ts


/** Why adding this column writes a value into every existing row, or undefined when it does not. */
function fillsEveryRow(ctx, col) {
    const type = (0,ast/* typeNameOf */.BR)(col.typeName);
    if (ast/* SERIAL_TYPES */.Fp.has(type))
        return `${type} draws a sequence value for every row`;
    for (const c of (0,ast/* constraintsOf */.Im)(col)) {
        if (c.contype === 'CONSTR_IDENTITY')
            return 'an identity column draws a sequence value for every row';
        // PostgreSQL 18 computes VIRTUAL columns when read; before 18 every generated column is STORED.
        if (c.contype === 'CONSTR_GENERATED' && (c.generated_kind !== 'v' || ctx.postgresVersion < 18))
            return 'a STORED generated column is computed and written for every row';
    }
    return undefined;
}
const adding_serial_or_generated_column_rule = {
    id: 'adding-serial-or-generated-column',
    group: 'locking',
    severity: 'warning',
    title: 'ADD COLUMN of a serial, identity or stored generated column',
    message: 'Every existing row gets its value written now: the table is rewritten under an ACCESS EXCLUSIVE lock, and reads and writes wait until it is done.',
    help: 'Add a plain nullable column, fill it in batches, then attach the default, identity or constraint; from PostgreSQL 18 a VIRTUAL generated column needs no rewrite.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        if (ctx.createdBefore((0,ast/* tableOf */.c_)(s), i))
            return false;
        for (const cmd of (0,ast/* alterCmds */.sy)(s)) {
            const col = (0,ast/* addedColumn */.JR)(cmd);
            const why = col && fillsEveryRow(ctx, col);
            if (why)
                return `Column ${col.colname}: ${why}.`;
        }
        return false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/adding-unique-constraint-without-index.ts



const adding_unique_constraint_without_index_rule = {
    id: 'adding-unique-constraint-without-index',
    group: 'locking',
    severity: 'warning',
    title: 'UNIQUE or PRIMARY KEY constraint added without a prebuilt index',
    message: 'The unique index is built while the table is locked against writes (ACCESS EXCLUSIVE): reads and writes wait until it is done.',
    help: 'CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT … UNIQUE USING INDEX (or PRIMARY KEY USING INDEX).',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const adds = (0,ast/* alterCmds */.sy)(s).some((cmd) => {
            const c = (0,ast_node/* nodeAs */.hK)(cmd.def, 'Constraint');
            return (cmd.subtype === 'AT_AddConstraint' &&
                c &&
                (c.contype === 'CONSTR_UNIQUE' || c.contype === 'CONSTR_PRIMARY') &&
                !c.indexname);
        });
        return adds && !ctx.createdBefore((0,ast/* tableOf */.c_)(s), i);
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/adding-volatile-default.ts


/** Functions whose value differs row by row: a default calling one must be written into every existing row. */
const VOLATILE = new Set([
    'random',
    'gen_random_uuid',
    'uuid_generate_v1',
    'uuid_generate_v4',
    'uuidv4',
    'uuidv7',
    'clock_timestamp',
    'timeofday',
    'nextval',
    'txid_current',
    'setseed',
]);
const adding_volatile_default_rule = {
    id: 'adding-volatile-default',
    group: 'locking',
    severity: 'warning',
    title: 'ADD COLUMN with a default that rewrites the table',
    message: 'The table is rewritten under an ACCESS EXCLUSIVE lock to store the default in every row: reads and writes wait until it is done.',
    help: 'Add the column without a default (or with a constant one), set the default in a second statement, and backfill existing rows in batches.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const added = (0,ast/* alterCmds */.sy)(s).flatMap((c) => (0,ast/* addedColumn */.JR)(c) ?? []);
        if (!added.length || ctx.createdBefore((0,ast/* tableOf */.c_)(s), i))
            return false;
        for (const column of added) {
            const def = (0,ast/* constraintsOf */.Im)(column).find((c) => c.contype === 'CONSTR_DEFAULT');
            if (!def)
                continue;
            if (ctx.postgresVersion < 11)
                return `Before PostgreSQL 11 every default rewrites the table (column ${column.colname}).`;
            const volatile = (0,ast/* functionsCalled */.xR)(def.raw_expr).find((f) => VOLATILE.has(f));
            if (volatile)
                return `${volatile}() is volatile (column ${column.colname}).`;
        }
        return false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/changing-column-type.ts



/** Changes PostgreSQL makes without touching the rows (binary-coercible, or a wider limit). */
function withoutRewrite(from, to) {
    if (!from)
        return false;
    const a = (0,ast/* typeNameOf */.BR)(from);
    const b = (0,ast/* typeNameOf */.BR)(to);
    const [am] = (0,ast/* typmodValues */.QB)(from);
    const [bm] = (0,ast/* typmodValues */.QB)(to);
    if (a === 'varchar' && b === 'text')
        return true;
    if (a === 'varchar' && b === 'varchar')
        return bm === undefined || (am !== undefined && bm >= am);
    if (a === 'text' && b === 'varchar')
        return bm === undefined;
    if (a === 'numeric' && b === 'numeric') {
        const [ap, as = 0] = (0,ast/* typmodValues */.QB)(from);
        const [bp, bs = 0] = (0,ast/* typmodValues */.QB)(to);
        return bp === undefined || (ap !== undefined && bp >= ap && bs === as);
    }
    if (a === 'cidr' && b === 'inet')
        return true;
    return a === b && (0,ast/* typmodValues */.QB)(from).length === 0 && (0,ast/* typmodValues */.QB)(to).length === 0;
}
const changing_column_type_rule = {
    id: 'changing-column-type',
    group: 'locking',
    severity: 'warning',
    title: 'Changing a column type that rewrites the table',
    message: 'Changing the type rewrites the table and its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait until it is done.',
    help: 'Add a new column of the new type, backfill it in batches, switch the application over, then drop the old column.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const changes = (0,ast/* alterCmds */.sy)(s).filter((c) => c.subtype === 'AT_AlterColumnType');
        const rel = (0,ast/* tableOf */.c_)(s);
        if (!changes.length || ctx.createdBefore(rel, i))
            return false;
        for (const cmd of changes) {
            const from = rel && ctx.schemaBefore(i).columnType(rel, cmd.name ?? '');
            const to = (0,ast_node/* nodeAs */.hK)(cmd.def, 'ColumnDef')?.typeName;
            if (!withoutRewrite(from, to)) {
                return from
                    ? `Column ${cmd.name}: ${(0,ast/* typeNameOf */.BR)(from)} to ${(0,ast/* typeNameOf */.BR)(to)}.`
                    : `Column ${cmd.name}: its current type is not declared in this folder, so the change cannot be shown to be safe.`;
            }
        }
        return false;
    }),
};

// EXTERNAL MODULE: ./src/migrations/transaction-mode.ts + 1 modules
var transaction_mode = __nccwpck_require__(3971);
;// CONCATENATED MODULE: ./src/lint/rules/concurrently-in-transaction.ts


const concurrently_in_transaction_rule = {
    id: 'concurrently-in-transaction',
    group: 'broken',
    severity: 'error',
    title: 'A statement that cannot run inside a transaction, inside BEGIN … COMMIT',
    message: 'PostgreSQL refuses this statement inside a transaction block: the migration can never run as written.',
    help: "Remove the file's BEGIN/COMMIT (the runner then runs it outside a transaction), or move the statement into a migration of its own.",
    check: (ctx) => (0,ast/* txControl */.mt)(ctx.file.statements).events.flatMap((e) => {
        const blocked = e.kind === 'inside' && (0,transaction_mode/* cannotRunInTransaction */.c1)(e.statement);
        return blocked
            ? [
                {
                    statement: e.statement,
                    detail: `${blocked} inside the transaction opened at line ${e.block.location.line}.`,
                },
            ]
            : [];
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/constrained-domain.ts


const constrained_domain_rule = {
    id: 'constrained-domain',
    group: 'types',
    severity: 'warning',
    title: 'CREATE DOMAIN with a CHECK or NOT NULL constraint',
    message: 'Changing this constraint later means ALTER DOMAIN, which checks every column of the domain in every table while blocking writes to them; a table constraint can be replaced without blocking writes.',
    help: 'Create the domain without constraints (or use the base type), and put CHECK constraints on the table columns that need them.',
    check: (ctx) => eachStatement(ctx, (s) => {
        if (s.kind !== 'CreateDomainStmt')
            return false;
        const kinds = (s.node.constraints ?? []).map((c) => (0,ast_node/* nodeAs */.hK)(c, 'Constraint')?.contype);
        const found = [kinds.includes('CONSTR_CHECK') && 'CHECK', kinds.includes('CONSTR_NOTNULL') && 'NOT NULL'].filter(Boolean);
        return (found.length > 0 &&
            `Domain ${(s.node.domainname ?? []).map((n) => (0,ast_node/* nodeAs */.hK)(n, 'String')?.sval).join('.')} has ${found.join(' and ')}.`);
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/constraint-missing-not-valid.ts



/** A constraint written on a new column that PostgreSQL checks against every existing row. */
function checkedOnNewColumn(col) {
    const constraints = (0,ast/* constraintsOf */.Im)(col);
    const def = constraints.find((c) => c.contype === 'CONSTR_DEFAULT');
    // A new column without a default holds only NULLs: PostgreSQL skips the foreign key's check, never a CHECK's.
    const nonNullDefault = !!def && !(0,ast_node/* nodeAs */.hK)(def.raw_expr, 'A_Const')?.isnull;
    return constraints.find((c) => c.contype === 'CONSTR_CHECK' || (c.contype === 'CONSTR_FOREIGN' && nonNullDefault));
}
const constraint_missing_not_valid_rule = {
    id: 'constraint-missing-not-valid',
    group: 'locking',
    severity: 'warning',
    title: 'Foreign key or check constraint added without NOT VALID',
    message: 'The constraint is checked against every existing row while the table is locked (and, for a foreign key, the referenced table too): writes wait until the scan ends.',
    help: 'Add the constraint with NOT VALID, then run ALTER TABLE … VALIDATE CONSTRAINT in a separate migration: validation takes a lock that does not block writes.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        if (ctx.createdBefore((0,ast/* tableOf */.c_)(s), i))
            return false;
        for (const cmd of (0,ast/* alterCmds */.sy)(s)) {
            const c = (0,ast/* addedConstraint */.Ui)(cmd);
            if (c && (c.contype === 'CONSTR_FOREIGN' || c.contype === 'CONSTR_CHECK') && !c.skip_validation)
                return `Constraint ${c.conname ?? '(unnamed)'}.`;
            const col = (0,ast/* addedColumn */.JR)(cmd);
            const onColumn = checkedOnNewColumn(col);
            if (col && onColumn)
                return `${onColumn.contype === 'CONSTR_CHECK' ? 'CHECK' : 'REFERENCES'} on new column ${col.colname}: add the column first, then the constraint NOT VALID.`;
        }
        return false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/delete-without-where.ts

const delete_without_where_rule = {
    id: 'delete-without-where',
    group: 'destructive',
    severity: 'error',
    title: 'DELETE without WHERE',
    message: 'Every row of the table is deleted.',
    help: 'Add the WHERE clause you meant, or acknowledge with -- pg-migration-gate:ignore delete-without-where on the statement.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'DeleteStmt' && !s.node.whereClause),
};

;// CONCATENATED MODULE: ./src/lint/rules/detach-partition-without-concurrently.ts



const detach_partition_without_concurrently_rule = {
    id: 'detach-partition-without-concurrently',
    group: 'locking',
    severity: 'warning',
    title: 'DETACH PARTITION without CONCURRENTLY',
    message: 'Detaching takes an ACCESS EXCLUSIVE lock on the parent table: every query on it waits.',
    help: 'Use ALTER TABLE … DETACH PARTITION … CONCURRENTLY (PostgreSQL 14+) in a migration of its own.',
    check: (ctx) => eachStatement(ctx, (s) => ctx.postgresVersion >= 14 &&
        (0,ast/* alterCmds */.sy)(s).some((c) => c.subtype === 'AT_DetachPartition' && !(0,ast_node/* nodeAs */.hK)(c.def, 'PartitionCmd')?.concurrent)),
};

;// CONCATENATED MODULE: ./src/lint/rules/differs-from-psql.ts
const differs_from_psql_rule = {
    id: 'differs-from-psql',
    group: 'broken',
    severity: 'error',
    title: 'A statement that would run otherwise than under psql -f',
    message: 'Run by this tool, the statement would do something else than `psql -X -v ON_ERROR_STOP=1 -f` does with the file, so the file is refused before anything runs.',
    help: 'Do what the finding says: most often, mark the file `-- migrate:no-transaction` so that it runs statement by statement, as psql runs it.',
    check: (ctx) => (ctx.file.divergences ?? []).map((d) => ({ statement: d.statement, detail: `${d.message}; ${d.hint}.` })),
};

;// CONCATENATED MODULE: ./src/lint/rules/drop-column.ts


const drop_column_rule = {
    id: 'drop-column',
    group: 'destructive',
    severity: 'error',
    title: 'DROP COLUMN',
    message: "The column's data is deleted, and application code still reading it fails.",
    help: 'Stop reading and writing the column first (deploy that), keep a backup, then acknowledge with -- pg-migration-gate:ignore drop-column on the statement.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const cmd = (0,ast/* alterCmds */.sy)(s).find((c) => c.subtype === 'AT_DropColumn');
        return !!cmd && !ctx.createdBefore((0,ast/* tableOf */.c_)(s), i) && `Column ${cmd.name}.`;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/drop-database.ts

const drop_database_rule = {
    id: 'drop-database',
    group: 'destructive',
    severity: 'error',
    title: 'DROP DATABASE',
    message: 'A whole database is deleted from inside a migration.',
    help: 'Do this by hand, deliberately, never in a migration; acknowledge with -- pg-migration-gate:ignore drop-database if you truly mean it.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'DropdbStmt'),
};

;// CONCATENATED MODULE: ./src/lint/rules/drop-schema.ts

const drop_schema_rule = {
    id: 'drop-schema',
    group: 'destructive',
    severity: 'error',
    title: 'DROP SCHEMA',
    message: 'The schema is deleted, and with CASCADE every table, row and function in it.',
    help: 'Drop the objects one by one after checking each, or acknowledge with -- pg-migration-gate:ignore drop-schema on the statement.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'DropStmt' &&
        s.node.removeType === 'OBJECT_SCHEMA' &&
        (s.node.behavior === 'DROP_CASCADE' ? 'With CASCADE.' : true)),
};

;// CONCATENATED MODULE: ./src/lint/rules/drop-table.ts


const drop_table_rule = {
    id: 'drop-table',
    group: 'destructive',
    severity: 'error',
    title: 'DROP TABLE',
    message: 'The table and all its rows are deleted; only a backup brings them back.',
    help: 'Make sure nothing reads the table any more and a backup exists, then acknowledge with -- pg-migration-gate:ignore drop-table on the statement.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        if (s.kind !== 'DropStmt' || s.node.removeType !== 'OBJECT_TABLE')
            return false;
        const names = (s.node.objects ?? []).map((o) => ((0,ast_node/* nodeAs */.hK)(o, 'List')?.items ?? []).map((x) => (0,ast_node/* nodeAs */.hK)(x, 'String')?.sval).join('.'));
        // Tables created earlier in the same migration hold no data yet.
        const old = names.filter((n) => !ctx.createdBefore({ name: n.split('.').pop(), schema: n.includes('.') ? n.split('.')[0] : undefined }, i));
        return old.length
            ? `Table: ${old.join(', ')}${s.node.behavior === 'DROP_CASCADE' ? ' (CASCADE also drops what depends on it)' : ''}.`
            : false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/dropping-not-null.ts


const dropping_not_null_rule = {
    id: 'dropping-not-null',
    group: 'compatibility',
    severity: 'warning',
    title: 'DROP NOT NULL',
    message: 'Code deployed before this migration assumes the column is never NULL and may fail on the NULLs it now allows; rolling back needs every NULL fixed first.',
    help: 'Make sure every reader handles NULL before this ships.',
    check: (ctx) => eachStatement(ctx, (s) => {
        const cmd = (0,ast/* alterCmds */.sy)(s).find((c) => c.subtype === 'AT_DropNotNull');
        return cmd ? `Column ${cmd.name}.` : false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/duplicate-column-assignment.ts



/**
 * The name PostgreSQL gives a select-list entry's column (its FigureColname): the alias, a column's or function's
 * own name, a cast's inner name or its type's, a few keywords' names, "?column?" for constants and operators;
 * `*` for a star. Undefined where this does not know the name (a subquery, say): such a column is not compared.
 */
function outputName(t) {
    return t.name ?? figure(t.val);
}
const UNNAMED = ['A_Const', 'A_Expr', 'BoolExpr', 'NullTest', 'BooleanTest'];
function figure(e) {
    if (!e)
        return undefined;
    if (UNNAMED.some((kind) => kind in e))
        return '?column?';
    const fields = (0,ast_node/* nodeAs */.hK)(e, 'ColumnRef')?.fields;
    if (fields)
        return (0,ast_node/* nodeAs */.hK)(fields.at(-1), 'A_Star') ? '*' : (0,ast_node/* nameParts */.IN)(fields).at(-1) || undefined;
    const call = (0,ast_node/* nodeAs */.hK)(e, 'FuncCall');
    if (call)
        return (0,ast_node/* nameParts */.IN)(call.funcname).at(-1) || undefined;
    const cast = (0,ast_node/* nodeAs */.hK)(e, 'TypeCast');
    if (cast) {
        const inner = figure(cast.arg);
        return inner === '?column?' ? (0,ast_node/* nameParts */.IN)(cast.typeName?.names).at(-1) || undefined : inner;
    }
    if ('CaseExpr' in e)
        return 'case';
    if ('A_ArrayExpr' in e)
        return 'array';
    if ('RowExpr' in e)
        return 'row';
    if ('CoalesceExpr' in e)
        return 'coalesce';
    if ('NullIfExpr' in e)
        return 'nullif';
    const minMax = (0,ast_node/* nodeAs */.hK)(e, 'MinMaxExpr');
    if (minMax)
        return minMax.op === 'IS_GREATEST' ? 'greatest' : 'least';
    return undefined;
}
/** Assignment targets; `arr[1]` and `rec.f` assign parts of a column and may repeat. */
const wholeColumns = (targets) => (0,ast_node/* nodesOf */.Nh)(targets, 'ResTarget')
    .filter((t) => !t.indirection?.length)
    .map((t) => t.name);
/** The names of a query's result columns, after any column aliases; none when it has a `*` or is a set operation. */
function resultNames(select, aliases) {
    const named = (0,ast_node/* nameParts */.IN)(aliases);
    const listed = select?.op === 'SETOP_NONE' ? (0,ast_node/* nodesOf */.Nh)(select.targetList, 'ResTarget').map((t) => outputName(t)) : [];
    if (listed.includes('*'))
        return named;
    return listed.length > named.length
        ? [...named, ...listed.slice(named.length).filter((n) => !!n)]
        : named;
}
/** Lists of names a statement defines or assigns, in each of which PostgreSQL refuses a repeat. */
function nameLists(s) {
    switch (s.kind) {
        case 'UpdateStmt':
            return [wholeColumns(s.node.targetList)];
        case 'InsertStmt':
            return [wholeColumns(s.node.cols), wholeColumns(s.node.onConflictClause?.targetList)];
        case 'MergeStmt':
            // WHEN MATCHED THEN UPDATE SET …, WHEN NOT MATCHED THEN INSERT (…): each clause its own list.
            return (0,ast_node/* nodesOf */.Nh)(s.node.mergeWhenClauses, 'MergeWhenClause').map((w) => wholeColumns(w.targetList));
        case 'CreateStmt':
            return [(0,ast/* columnDefs */.$C)(s).map((c) => c.colname)];
        case 'CreateForeignTableStmt':
            return [(0,ast_node/* nodesOf */.Nh)(s.node.base?.tableElts, 'ColumnDef').map((c) => c.colname)];
        case 'ViewStmt':
            return [resultNames((0,ast_node/* nodeAs */.hK)(s.node.query, 'SelectStmt'), s.node.aliases)];
        case 'CreateTableAsStmt':
            return [resultNames((0,ast_node/* nodeAs */.hK)(s.node.query, 'SelectStmt'), s.node.into?.colNames)];
        case 'SelectStmt':
            // SELECT … INTO creates a table of the result's columns.
            return s.node.intoClause ? [resultNames(s.node, s.node.intoClause.colNames)] : [];
        default:
            return [];
    }
}
const duplicate_column_assignment_rule = {
    id: 'duplicate-column-assignment',
    group: 'broken',
    severity: 'error',
    title: 'A column assigned or defined twice in one statement',
    message: 'PostgreSQL refuses the statement (a column specified more than once): the migration can never run as written.',
    help: 'Remove the repeated assignment or column, or give the second one its own name.',
    check: (ctx) => eachStatement(ctx, (s) => {
        // Names as the parser gives them: unquoted ones already folded to lower case, quoted ones as written.
        const repeated = nameLists(s)
            .map((names) => {
            const seen = new Set();
            return names.find((name) => !!name && (seen.has(name) || (seen.add(name), false)));
        })
            .find(Boolean);
        return repeated ? `Column ${repeated}.` : false;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/enum-value-in-transaction.ts


const enum_value_in_transaction_rule = {
    id: 'enum-value-in-transaction',
    group: 'broken',
    severity: 'error',
    title: 'ALTER TYPE … ADD VALUE where it cannot run in a transaction',
    message: 'A new enum value cannot be added inside a transaction before PostgreSQL 12, and from 12 on it cannot be used until that transaction commits: the migration fails.',
    help: 'Put ALTER TYPE … ADD VALUE in a migration of its own, and use the new value in a later migration.',
    check: (ctx) => {
        if (ctx.file.exec?.mode !== 'transaction')
            return [];
        return eachStatement(ctx, (s, i) => {
            if (s.kind !== 'AlterEnumStmt' || !s.node.newVal)
                return false;
            const value = s.node.newVal;
            if (ctx.postgresVersion < 12)
                return `PostgreSQL ${ctx.postgresVersion} refuses it in a transaction.`;
            const used = ctx.file.statements.slice(i + 1).find((later) => (0,ast/* stringConstants */.bH)(later.node).includes(value));
            return used ? `'${s.node.newVal}' is used at line ${used.location.line} in the same transaction.` : false;
        });
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/enum-value-without-position.ts

const enum_value_without_position_rule = {
    id: 'enum-value-without-position',
    group: 'types',
    severity: 'info',
    title: 'ALTER TYPE … ADD VALUE without BEFORE or AFTER',
    message: 'The new value sorts after every existing one: comparisons and ORDER BY on an enum follow its declared order, so the value lands last whether or not it belongs there.',
    help: "Say where it goes with BEFORE or AFTER an existing value; where the enum's order carries no meaning, appending is right and this can be ignored.",
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'AlterEnumStmt' && !!s.node.newVal && !s.node.newValNeighbor && `Value '${s.node.newVal}'.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/foreign-key-without-index.ts

/** An index serves the key's lookups when its leading columns are exactly the key's columns, in any order. */
function covers(index, columns) {
    if (index.partial || index.columns.length < columns.length)
        return false;
    const lead = new Set(index.columns.slice(0, columns.length));
    return columns.every((c) => lead.has(c));
}
const foreign_key_without_index_rule = {
    id: 'foreign-key-without-index',
    group: 'locking',
    severity: 'warning',
    title: 'Foreign key without an index on its columns',
    message: 'Every delete or key update on the referenced table scans this table for references while holding its locks; with ON DELETE CASCADE each such delete becomes a scan of this table.',
    help: "Create an index whose leading columns are the foreign key's columns, in the same migration as a new table, or with CREATE INDEX CONCURRENTLY for an existing one.",
    check: (ctx) => {
        const statements = ctx.file.statements;
        return statements.flatMap((statement, i) => {
            const keys = (0,ast/* foreignKeys */.DU)(statement).filter((fk) => fk.columns.length > 0);
            const rel = keys.length ? (0,ast/* tableOf */.c_)(statement) : undefined;
            // Only tables whose every index is known here: created in this file, or earlier in the folder.
            if (!rel || !(statement.kind === 'CreateStmt' || ctx.schemaBefore(i).tableCreated(rel)))
                return [];
            // Indexes created anywhere in the file count, also after the key (the usual order for a new table).
            const indexes = ctx.schemaBefore(statements.length).indexesOn(rel);
            return keys
                .filter((fk) => !indexes.some((ix) => covers(ix, fk.columns)))
                .map((fk) => ({
                statement,
                location: ctx.locate(fk.constraint.location),
                detail: `${(0,ast/* relText */.HC)(rel)} (${fk.columns.join(', ')}).`,
            }));
        });
    },
};

// EXTERNAL MODULE: ./node_modules/libpg-query/wasm/index.cjs
var wasm = __nccwpck_require__(2627);
// EXTERNAL MODULE: ./src/migrations/parse.ts + 2 modules
var parse = __nccwpck_require__(5493);
;// CONCATENATED MODULE: ./src/lint/rules/identifier-too-long.ts


/**
 * A cheap first look at the text: a run of name characters, or a quoted name, of more than 63 bytes (a line of
 * dashes or a URL is no name). Only then does the scanner run; it alone decides what is an identifier.
 */
function mayHoldLongName(sql) {
    // eslint-disable-next-line no-control-regex
    if (!/[^\x00-\x7f]/.test(sql))
        return /[\w$]{64}|"(?:[^"]|""){64}/.test(sql);
    // Beyond ASCII a character takes up to 3 bytes: runs from 22 characters on may pass 63 bytes.
    for (const m of sql.matchAll(/[\w$\u0080-\uffff]{22,}|"(?:[^"]|""){22,}"/g))
        if (Buffer.byteLength(m[0]) > 63)
            return true;
    return false;
}
/**
 * Read from the scanner's tokens, not the AST: the parser has already cut names to 63 bytes there, exactly as
 * the server will, so the AST cannot show what was written.
 */
function longIdentifiers(sql) {
    const bytes = Buffer.from(sql, 'utf8');
    return (0,wasm.scanSync)(sql)
        .tokens.filter((t) => t.tokenName === 'IDENT' && t.end - t.start > 63)
        .map((t) => ({
        start: bytes.subarray(0, t.start).toString('utf8').length,
        text: bytes.subarray(t.start, t.end).toString('utf8').replace(/^"|"$/g, ''),
    }))
        .filter((t) => Buffer.byteLength(t.text) > 63);
}
const identifier_too_long_rule = {
    id: 'identifier-too-long',
    group: 'broken',
    severity: 'error',
    title: 'Identifier longer than 63 bytes',
    message: 'PostgreSQL silently truncates names to 63 bytes: the object gets another name than the one written, and later migrations that use the full name fail or hit the wrong object.',
    help: 'Shorten the name to 63 bytes or fewer.',
    check: (ctx) => {
        if (!mayHoldLongName(ctx.file.sql))
            return [];
        const lines = new parse/* LineMap */.HU(ctx.file.script);
        return longIdentifiers(ctx.file.sql).map((t) => ({
            location: lines.at(t.start),
            detail: `'${t.text}' is ${Buffer.byteLength(t.text)} bytes; PostgreSQL keeps '${Buffer.from(t.text).subarray(0, 63).toString('utf8')}'.`,
        }));
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/missing-down-script.ts
const missing_down_script_rule = {
    id: 'missing-down-script',
    group: 'conventions',
    severity: 'info',
    title: 'No down script or rollback notes',
    message: 'There is no written way back: if this migration must be undone, the only option is restoring a backup.',
    help: "Add a down script in the folder's style: a .down.sql file, a -- migrate:down section, or -- ROLLBACK: <sql> lines.",
    check: (ctx) => ctx.file.runByThisTool && !ctx.file.hasDown && ctx.file.statements.length > 0
        ? [{ location: { file: ctx.file.file, line: 1, column: 1 } }]
        : [],
};

;// CONCATENATED MODULE: ./src/lint/rules/missing-header-comment.ts
const missing_header_comment_rule = {
    id: 'missing-header-comment',
    group: 'conventions',
    severity: 'info',
    title: 'No header comment describing the migration',
    message: 'The other migrations in this folder open with a comment saying what they do and why; this one does not.',
    help: 'Start the file with a comment such as -- Migration: <name> / -- Description: <what and why>.',
    check: (ctx) => ctx.folder.headers && !/^\s*(--|\/\*)/.test(ctx.file.script.sql)
        ? [{ location: { file: ctx.file.file, line: 1, column: 1 } }]
        : [],
};

;// CONCATENATED MODULE: ./src/lint/rules/multiple-transaction-blocks.ts

const multiple_transaction_blocks_rule = {
    id: 'multiple-transaction-blocks',
    group: 'broken',
    severity: 'warning',
    title: 'Several transaction blocks in one migration',
    message: 'The migration commits in several steps and runs outside one transaction: a failure after the first COMMIT leaves it half applied (recorded dirty).',
    help: 'Split the file into one migration per transaction block.',
    check: (ctx) => {
        const { blocks } = (0,ast/* txControl */.mt)(ctx.file.statements);
        return blocks.length > 1 ? [{ statement: blocks[1].begin, detail: `${blocks.length} blocks.` }] : [];
    },
};

// EXTERNAL MODULE: ./src/lint/conventions.ts
var conventions = __nccwpck_require__(7257);
;// CONCATENATED MODULE: ./src/lint/rules/naming-convention.ts

const describe = (style) => style === 'timestamp'
    ? 'a timestamp (YYYYMMDD_HHMMSS)'
    : style.startsWith('number:')
        ? `a ${style.slice(7)}-digit number`
        : style;
const naming_convention_rule = {
    id: 'naming-convention',
    group: 'conventions',
    severity: 'warning',
    title: "A file name that breaks the folder's naming convention",
    message: 'The version is written differently from the rest of the folder, which makes the order hard to read and invites collisions.',
    help: 'Rename the file to use the same version style as the other migrations.',
    check: (ctx) => {
        const { version } = ctx.file;
        const expected = ctx.folder.versionStyle;
        if (!version || !expected || (0,conventions/* versionStyle */.gJ)(version) === expected)
            return [];
        return [
            {
                location: { file: ctx.file.file, line: 1, column: 1 },
                detail: `Its version ${version} is not ${describe(expected)} like the others.`,
            },
        ];
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/non-idempotent-ddl.ts



const non_idempotent_ddl_rule = {
    id: 'non-idempotent-ddl',
    group: 'conventions',
    severity: 'warning',
    title: 'CREATE or DROP without IF [NOT] EXISTS in a folder that keeps migrations idempotent',
    message: 'Running the migration a second time fails, which this folder otherwise avoids.',
    help: 'Use IF NOT EXISTS / IF EXISTS (or CREATE OR REPLACE) as the rest of the folder does.',
    check: (ctx) => {
        if (!ctx.folder.idempotent)
            return [];
        return eachStatement(ctx, (s) => {
            if ((0,conventions/* idempotencyOf */.dn)(s) === false)
                return true;
            const cmd = (0,ast/* alterCmds */.sy)(s).find((c) => (c.subtype === 'AT_AddColumn' || c.subtype === 'AT_DropColumn') && !c.missing_ok);
            return cmd
                ? `${cmd.subtype === 'AT_AddColumn' ? 'ADD COLUMN' : 'DROP COLUMN'} without IF ${cmd.subtype === 'AT_AddColumn' ? 'NOT ' : ''}EXISTS.`
                : false;
        });
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/not-rerunnable-without-transaction.ts



/** Statements that change nothing a re-run trips over. */
const HARMLESS = new Set([
    'VariableSetStmt',
    'TransactionStmt',
    'PsqlConnect',
    'SelectStmt',
    'VacuumStmt',
    'CommentStmt',
]);
/** Why running the statement a second time fails, or undefined when it succeeds again. */
function failsOnRerun(s, droppedBefore) {
    if ((0,conventions/* idempotencyOf */.dn)(s) === false)
        return s.kind === 'DropStmt' ? 'DROP without IF EXISTS' : 'CREATE without IF NOT EXISTS';
    if (s.kind === 'RenameStmt')
        return 'RENAME';
    for (const c of (0,ast/* alterCmds */.sy)(s)) {
        if (c.subtype === 'AT_AddColumn' && !c.missing_ok)
            return 'ADD COLUMN without IF NOT EXISTS';
        if ((c.subtype === 'AT_DropColumn' || c.subtype === 'AT_DropConstraint') && !c.missing_ok)
            return `${c.subtype === 'AT_DropColumn' ? 'DROP COLUMN' : 'DROP CONSTRAINT'} without IF EXISTS`;
        const name = c.subtype === 'AT_AddConstraint' ? (0,ast_node/* nodeAs */.hK)(c.def, 'Constraint')?.conname : undefined;
        if (name && !droppedBefore.has(name))
            return `ADD CONSTRAINT ${name} without DROP CONSTRAINT IF EXISTS before it`;
    }
    return undefined;
}
const not_rerunnable_without_transaction_rule = {
    id: 'not-rerunnable-without-transaction',
    group: 'broken',
    severity: 'warning',
    title: 'A statement that fails on a re-run, in a migration that runs outside a transaction',
    message: 'This migration runs outside a transaction: if a later statement fails, this one stays applied, and running the migration again fails here.',
    help: 'Write it to succeed twice (IF NOT EXISTS, IF EXISTS, CREATE OR REPLACE, DROP CONSTRAINT IF EXISTS before ADD CONSTRAINT), or move the statements that cannot run in a transaction into a migration of their own.',
    check: (ctx) => {
        if (ctx.file.exec?.mode !== 'no-transaction')
            return [];
        const statements = ctx.file.statements;
        // Statements inside the file's own BEGIN … COMMIT blocks are undone together when the block fails.
        const inBlock = new Set((0,ast/* txControl */.mt)(statements)
            .events.filter((e) => e.kind === 'inside')
            .map((e) => e.statement));
        const dropped = new Set();
        const hits = [];
        statements.forEach((s, i) => {
            const why = inBlock.has(s) ? undefined : failsOnRerun(s, dropped);
            for (const c of (0,ast/* alterCmds */.sy)(s))
                if (c.subtype === 'AT_DropConstraint' && c.missing_ok && c.name)
                    dropped.add(c.name);
            const later = statements.slice(i + 1).some((l) => !HARMLESS.has(l.kind));
            if (why && later)
                hits.push({ statement: s, detail: `${why}.` });
        });
        return hits;
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/prefer-bigint-identity-key.ts

const SMALL = new Set(['int2', 'int4', 'serial', 'serial4', 'smallserial', 'serial2']);
/** Primary-key columns of a CREATE TABLE: inline PRIMARY KEY, or named in a table-level PRIMARY KEY. */
function keyColumns(s) {
    const cols = (0,ast/* columnDefs */.$C)(s);
    if (!cols.length)
        return cols;
    const tableKeys = (0,ast/* tableConstraints */.$x)(s)
        .filter((c) => c.contype === 'CONSTR_PRIMARY')
        .flatMap((c) => (0,ast/* keyNames */.mu)(c.keys));
    return cols.filter((c) => tableKeys.includes((c.colname ?? '').toLowerCase()) ||
        (0,ast/* constraintsOf */.Im)(c).some((k) => k.contype === 'CONSTR_PRIMARY'));
}
/** Fed by a sequence, so it grows with every insert: serial, identity, or DEFAULT nextval(…). */
const sequenceFed = (c) => ast/* SERIAL_TYPES */.Fp.has((0,ast/* typeNameOf */.BR)(c.typeName)) ||
    (0,ast/* constraintsOf */.Im)(c).some((k) => k.contype === 'CONSTR_IDENTITY' ||
        (k.contype === 'CONSTR_DEFAULT' && (0,ast/* functionsCalled */.xR)(k.raw_expr).includes('nextval')));
/** Named as an identifier (`id`, `order_id`, `ids`, `tag_ids`, `"userId"`): it holds keys, wherever they come from. */
const namedAsKey = (c) => /^(ids?|.+_ids?)$/i.test(c.colname ?? '') || /[a-z0-9](Id|ID)s?$/.test(c.colname ?? '');
/**
 * The small columns of foreign keys whose referenced column the folder declared: a bigint one it cannot hold
 * (the reason), or one as small as itself (null: the key is where the width is decided, and flagged there).
 */
function references(ctx, s, i, small) {
    const out = new Map();
    for (const fk of (0,ast/* foreignKeys */.DU)(s).filter((k) => k.column && small.includes(k.column))) {
        const target = (0,ast/* relName */.ve)(fk.constraint.pktable);
        const [pkCol] = (0,ast/* keyNames */.mu)(fk.constraint.pk_attrs);
        if (!fk.column || !target || !pkCol)
            continue;
        const referenced = (0,ast/* typeNameOf */.BR)(ctx.schemaBefore(i).columnType(target, pkCol));
        if (referenced === 'int8' || referenced === 'bigserial' || referenced === 'serial8')
            out.set(fk.column, `references ${target.name}.${pkCol}, a bigint`);
        else if (SMALL.has(referenced))
            out.set(fk.column, null);
    }
    return out;
}
const prefer_bigint_identity_key_rule = {
    id: 'prefer-bigint-identity-key',
    group: 'types',
    severity: 'warning',
    title: 'int or smallint key, sequence-fed column, column named as an identifier, or reference to a bigint key',
    message: 'A 32-bit key runs out at about 2.1 billion values (a 16-bit one at 32,767), and widening it later rewrites the table and every table referencing it.',
    help: 'Use bigint for keys, sequence-fed columns and the columns that hold or reference them, arrays of them included (bigint GENERATED ALWAYS AS IDENTITY for a surrogate key).',
    check: (ctx) => ctx.file.statements.flatMap((statement, i) => {
        const small = (0,ast/* introducedColumns */.pK)(statement).filter((c) => SMALL.has((0,ast/* typeNameOf */.BR)(c.typeName)));
        if (!small.length)
            return [];
        const keys = new Set(keyColumns(statement));
        const refs = references(ctx, statement, i, small);
        return small.flatMap((c) => {
            const ref = refs.get(c);
            const why = keys.has(c)
                ? 'is a primary key'
                : sequenceFed(c)
                    ? 'is fed by a sequence'
                    : ref !== undefined
                        ? ref
                        : namedAsKey(c)
                            ? 'is named as an identifier'
                            : undefined;
            const type = `${(0,ast/* typeNameOf */.BR)(c.typeName)}${c.typeName?.arrayBounds?.length ? '[]' : ''}`;
            return why
                ? [{ statement, location: ctx.locate(c.location), detail: `Column ${c.colname} is ${type} and ${why}.` }]
                : [];
        });
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/prefer-identity.ts


const prefer_identity_rule = {
    id: 'prefer-identity',
    group: 'types',
    severity: 'warning',
    title: 'serial column',
    message: "A serial column's sequence is a separate object: it needs grants of its own (inserts by a role without them fail), and CREATE TABLE … LIKE copies share it.",
    help: 'Use bigint GENERATED ALWAYS AS IDENTITY (PostgreSQL 10+): the sequence then belongs to the column.',
    check: (ctx) => ctx.postgresVersion < 10
        ? []
        : eachNewColumn(ctx, (c) => ast/* SERIAL_TYPES */.Fp.has((0,ast/* typeNameOf */.BR)(c.typeName)), (c) => `Column ${c.colname} is ${(0,ast/* typeNameOf */.BR)(c.typeName)}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/prefer-jsonb.ts



const prefer_jsonb_rule = {
    id: 'prefer-jsonb',
    group: 'types',
    severity: 'warning',
    title: 'json column',
    message: 'json keeps the text as written and has no equality operator: SELECT DISTINCT, GROUP BY, UNION and comparisons on the column fail, and every read parses it again.',
    help: 'Use jsonb, which supports everything json does except keeping the exact text and key order.',
    check: (ctx) => [
        ...eachNewColumn(ctx, (c) => (0,ast/* typeNameOf */.BR)(c.typeName) === 'json', (c) => `Column ${c.colname}.`),
        ...eachStatement(ctx, (s) => {
            const cmd = (0,ast/* alterCmds */.sy)(s).find((c) => c.subtype === 'AT_AlterColumnType' && (0,ast/* typeNameOf */.BR)((0,ast_node/* nodeAs */.hK)(c.def, 'ColumnDef')?.typeName) === 'json');
            return cmd ? `Column ${cmd.name} changed to json.` : false;
        }),
    ],
};

;// CONCATENATED MODULE: ./src/lint/rules/prefer-text-over-char.ts


const prefer_text_over_char_rule = {
    id: 'prefer-text-over-char',
    group: 'types',
    severity: 'warning',
    title: 'char(n)',
    message: 'char(n) pads values with spaces and compares them in surprising ways; it is no faster than text.',
    help: 'Use text (with a CHECK on length if the limit matters).',
    check: (ctx) => eachNewColumn(ctx, (c) => (0,ast/* typeNameOf */.BR)(c.typeName) === 'bpchar', (c) => `Column ${c.colname}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/prefer-text-over-varchar.ts


const prefer_text_over_varchar_rule = {
    id: 'prefer-text-over-varchar',
    group: 'types',
    severity: 'warning',
    title: 'varchar(n) where text fits',
    message: 'Raising a varchar(n) limit later is a schema change of its own; the limit brings no speed or space benefit over text.',
    help: 'Use text, with a CHECK (char_length(col) <= n) constraint if the limit is a business rule.',
    check: (ctx) => eachNewColumn(ctx, (c) => (0,ast/* typeNameOf */.BR)(c.typeName) === 'varchar' && (0,ast/* hasTypmods */.PR)(c.typeName), (c) => `Column ${c.colname}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/prefer-timestamptz.ts


const prefer_timestamptz_rule = {
    id: 'prefer-timestamptz',
    group: 'types',
    severity: 'warning',
    title: 'timestamp without time zone',
    message: 'timestamp without time zone stores no zone: values written from servers or sessions in different zones cannot be told apart.',
    help: 'Use timestamptz (timestamp with time zone); it stores an absolute instant.',
    check: (ctx) => eachNewColumn(ctx, (c) => (0,ast/* typeNameOf */.BR)(c.typeName) === 'timestamp', (c) => `Column ${c.colname}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/primary-key-on-nullable-column.ts


const primary_key_on_nullable_column_rule = {
    id: 'primary-key-on-nullable-column',
    group: 'locking',
    severity: 'warning',
    title: 'ADD PRIMARY KEY USING INDEX on a column that allows NULL',
    message: 'A primary key makes its columns NOT NULL, which scans the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait until it is done.',
    help: 'Make each column NOT NULL first without the long lock: ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, VALIDATE CONSTRAINT in a later migration, then SET NOT NULL (PostgreSQL 12+ skips the scan); then add the primary key.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const rel = (0,ast/* tableOf */.c_)(s);
        const pk = (0,ast/* alterCmds */.sy)(s)
            .map(ast/* addedConstraint */.Ui)
            .find((c) => c?.contype === 'CONSTR_PRIMARY' && c.indexname);
        const index = pk?.indexname;
        if (!index || !rel || ctx.createdBefore(rel, i))
            return false;
        const history = ctx.schemaBefore(i);
        // Only columns the folder shows to be nullable: where it cannot tell, a finding would be a guess.
        const nullable = (history.index(index)?.columns ?? []).filter((col) => history.columnNotNull(rel, col) === false &&
            !(ctx.postgresVersion >= 12 && history.hasValidNotNullCheck(rel, col)));
        return (nullable.length > 0 &&
            `Index ${index}: ${nullable.join(', ')} ${nullable.length > 1 ? 'allow' : 'allows'} NULL.`);
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/quoted-char-type.ts



/** Why PostgreSQL refuses the column's type as written in quotes, or undefined. */
function refused(c) {
    const names = (0,ast_node/* nameParts */.IN)(c.typeName?.names);
    // Unquoted, char(n) and character(n) are pg_catalog.bpchar; only a quoted name reaches these.
    const builtIn = names.length === 1 || (names.length === 2 && names[0] === 'pg_catalog');
    const type = (0,ast/* typeNameOf */.BR)(c.typeName);
    if (builtIn && type === 'char' && (0,ast/* hasTypmods */.PR)(c.typeName))
        return 'a length on "char", a one-byte type that takes none';
    if (builtIn && type === 'character')
        return 'the type "character", which does not exist in quotes';
    return undefined;
}
const quoted_char_type_rule = {
    id: 'quoted-char-type',
    group: 'broken',
    severity: 'error',
    title: 'Quoted "char"(n) or "character": a type PostgreSQL refuses',
    message: 'PostgreSQL refuses the column, so the migration fails: in quotes, "char" is a one-byte type that takes no length, and "character" names no type.',
    help: 'Write char(n) without quotes if a fixed length is meant, or better, text (with a CHECK on length if the limit matters).',
    check: (ctx) => eachNewColumn(ctx, (c) => refused(c) !== undefined, (c) => `Column ${c.colname}: ${refused(c)}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/renaming-column.ts

const renaming_column_rule = {
    id: 'renaming-column',
    group: 'compatibility',
    severity: 'warning',
    title: 'Renaming a column',
    message: 'Application code still using the old name fails from the moment the migration commits until the new code is deployed.',
    help: 'Add the new column, write to both, backfill, move readers over, then drop the old one; or deploy code that copes with both names first.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'RenameStmt' && s.node.renameType === 'OBJECT_COLUMN' && `${s.node.subname} to ${s.node.newname}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/renaming-table.ts

const renaming_table_rule = {
    id: 'renaming-table',
    group: 'compatibility',
    severity: 'warning',
    title: 'Renaming a table',
    message: 'Application code still using the old name fails from the moment the migration commits until the new code is deployed.',
    help: 'Create a view with the old name in the same migration, or deploy code that copes with both names first.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'RenameStmt' &&
        s.node.renameType === 'OBJECT_TABLE' &&
        `${s.node.relation?.relname} to ${s.node.newname}.`),
};

;// CONCATENATED MODULE: ./src/lint/rules/require-concurrent-index-creation.ts


const require_concurrent_index_creation_rule = {
    id: 'require-concurrent-index-creation',
    group: 'locking',
    severity: 'warning',
    title: 'CREATE INDEX without CONCURRENTLY on an existing table',
    message: 'Building this index blocks every write to the table (SHARE lock) until it finishes, which on a busy table can take minutes.',
    help: 'Use CREATE INDEX CONCURRENTLY in a migration of its own (it runs outside a transaction).',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const rel = (0,ast/* tableOf */.c_)(s);
        return s.kind === 'IndexStmt' && !s.node.concurrent && !ctx.createdBefore(rel, i) && `Table: ${(0,ast/* relText */.HC)(rel)}.`;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/require-concurrent-index-deletion.ts


const indexName = (s) => {
    const items = (0,ast_node/* nodeAs */.hK)(s.kind === 'DropStmt' ? s.node.objects?.[0] : undefined, 'List')?.items ?? [];
    return (0,ast_node/* nodeAs */.hK)(items[items.length - 1], 'String')?.sval;
};
const require_concurrent_index_deletion_rule = {
    id: 'require-concurrent-index-deletion',
    group: 'locking',
    severity: 'warning',
    title: 'DROP INDEX without CONCURRENTLY',
    message: 'Dropping the index takes an ACCESS EXCLUSIVE lock on its table: every read and write waits until it is done.',
    help: 'Use DROP INDEX CONCURRENTLY in a migration of its own (it runs outside a transaction).',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        if (s.kind !== 'DropStmt' || s.node.removeType !== 'OBJECT_INDEX' || s.node.concurrent)
            return false;
        // An index created earlier in the same migration is new: dropping it blocks nobody.
        const name = indexName(s);
        return !ctx.file.statements.slice(0, i).some((p) => p.kind === 'IndexStmt' && p.node.idxname === name);
    }),
};

// EXTERNAL MODULE: ./src/migrations/options.ts
var options = __nccwpck_require__(8259);
;// CONCATENATED MODULE: ./src/lint/rules/require-concurrent-reindex.ts


const require_concurrent_reindex_rule = {
    id: 'require-concurrent-reindex',
    group: 'locking',
    severity: 'warning',
    title: 'REINDEX without CONCURRENTLY',
    message: 'REINDEX locks out writes to the table (and reads that use the index) until every index is rebuilt.',
    help: 'Use REINDEX … CONCURRENTLY (PostgreSQL 12+) in a migration of its own.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'ReindexStmt' && !(0,options/* optionOn */.J)(s.node.params, 'concurrently')),
};

;// CONCATENATED MODULE: ./src/lint/rules/require-lock-timeout.ts




const LOCKING = new Set([
    'AlterTableStmt',
    'IndexStmt',
    'DropStmt',
    'RenameStmt',
    'TruncateStmt',
    'CreateTrigStmt',
    'ReindexStmt',
    'ClusterStmt',
    'VacuumStmt',
    'LockStmt',
    'AlterDomainStmt',
]);
/** ALTER TABLE forms that take SHARE UPDATE EXCLUSIVE at most: queued, they hold up no read and no write. */
const WEAK_ALTER = new Set([
    'AT_ValidateConstraint',
    'AT_SetStatistics',
    'AT_SetRelOptions',
    'AT_ResetRelOptions',
    'AT_ClusterOn',
    'AT_DropCluster',
]);
/** Whether waiting for this statement's lock would queue ordinary reads or writes behind it. */
function queuesQueries(s) {
    if (!LOCKING.has(s.kind))
        return false;
    // Plain VACUUM and the CONCURRENTLY forms wait for a lock that reads and writes never wait behind.
    if (s.kind === 'VacuumStmt')
        return (0,options/* optionOn */.J)(s.node.options, 'full');
    if (/CONCURRENTLY/.test((0,transaction_mode/* cannotRunInTransaction */.c1)(s) ?? ''))
        return false;
    if (s.kind === 'AlterTableStmt')
        return (0,ast/* alterCmds */.sy)(s).some((c) => !WEAK_ALTER.has(c.subtype));
    return true;
}
const setsLockTimeout = (s) => s.kind === 'VariableSetStmt' && s.node.name === 'lock_timeout';
const require_lock_timeout_rule = {
    id: 'require-lock-timeout',
    group: 'locking',
    severity: 'warning',
    title: 'Lock taken without lock_timeout',
    message: 'Without lock_timeout, a statement waiting behind a long query queues every later query on the table behind itself: a short lock becomes an outage.',
    help: "Start the file with SET lock_timeout = '5s'; (this tool's runner sets it for you when it applies the folder).",
    check: (ctx) => {
        if (ctx.file.runByThisTool)
            return [];
        let guarded = false;
        return eachStatement(ctx, (s, i) => {
            // psql's \connect starts a new session: what was SET before it is gone
            guarded = s.kind !== 'PsqlConnect' && (guarded || setsLockTimeout(s));
            return !guarded && queuesQueries(s) && !ctx.createdBefore((0,ast/* tableOf */.c_)(s), i);
        }).slice(0, 1);
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/rewriting-table-storage.ts



/** ALTER TABLE forms that copy the relation's data file by file. */
const COPIES = {
    AT_SetTableSpace: 'SET TABLESPACE',
    AT_SetLogged: 'SET LOGGED',
    AT_SetUnLogged: 'SET UNLOGGED',
    AT_SetAccessMethod: 'SET ACCESS METHOD',
};
const rewriting_table_storage_rule = {
    id: 'rewriting-table-storage',
    group: 'locking',
    severity: 'warning',
    title: 'SET TABLESPACE, SET LOGGED/UNLOGGED or SET ACCESS METHOD on an existing relation',
    message: 'The table or index is copied in full under an ACCESS EXCLUSIVE lock: every read and write waits until the copy is done.',
    help: 'Do this outside the migration, in a maintenance window, or online with a tool such as pg_repack (which can also move a table to another tablespace).',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        if (s.kind === 'AlterTableMoveAllStmt')
            return `ALL IN TABLESPACE ${s.node.orig_tablespacename}.`;
        const copy = (0,ast/* alterCmds */.sy)(s)
            .map((c) => c.subtype && COPIES[c.subtype])
            .find(Boolean);
        return !!copy && !ctx.createdBefore((0,ast/* tableOf */.c_)(s), i) && `${copy} on ${(0,ast_node/* relationOf */.Ke)(s)?.relname}.`;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/setting-not-null.ts


const setting_not_null_rule = {
    id: 'setting-not-null',
    group: 'locking',
    severity: 'warning',
    title: 'SET NOT NULL on an existing column',
    message: 'PostgreSQL scans the whole table to check for NULLs while holding an ACCESS EXCLUSIVE lock: reads and writes wait.',
    help: 'First ADD CONSTRAINT … CHECK (col IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT in a later migration; SET NOT NULL then skips the scan (PostgreSQL 12+), after which the CHECK can be dropped.',
    check: (ctx) => eachStatement(ctx, (s, i) => {
        const sets = (0,ast/* alterCmds */.sy)(s).filter((c) => c.subtype === 'AT_SetNotNull');
        const rel = sets.length ? (0,ast/* tableOf */.c_)(s) : undefined;
        if (!rel || ctx.createdBefore(rel, i))
            return false;
        const history = ctx.schemaBefore(i);
        // Skipped scans: the column is already NOT NULL, or (12+) a validated CHECK (col IS NOT NULL) proves it.
        const scans = (col) => history.columnNotNull(rel, col) !== true &&
            !(ctx.postgresVersion >= 12 && history.hasValidNotNullCheck(rel, col));
        const cmd = sets.find((c) => scans(c.name ?? ''));
        return !!cmd && `Column ${cmd.name}.`;
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/statement-after-exclusive-lock.ts



/** ALTER TABLE sub-commands that take a weaker lock than ACCESS EXCLUSIVE. */
const WEAKER = new Set([
    'AT_ValidateConstraint',
    'AT_SetStatistics',
    'AT_ClusterOn',
    'AT_DropCluster',
    'AT_AttachPartition',
    'AT_SetRelOptions',
    'AT_ResetRelOptions',
    'AT_EnableTrig',
    'AT_DisableTrig',
    'AT_EnableTrigAll',
    'AT_DisableTrigAll',
    'AT_EnableTrigUser',
    'AT_DisableTrigUser',
    'AT_ReplicaIdentity',
]);
/** The table an ACCESS EXCLUSIVE lock is taken on by this statement, when it is one that existed before the file. */
function exclusiveLock(ctx, s, i) {
    const existing = (r) => (r && !ctx.createdBefore(r, i) ? r : undefined);
    switch (s.kind) {
        case 'AlterTableStmt': {
            if (s.node.objtype !== 'OBJECT_TABLE')
                return undefined;
            const cmds = (0,ast/* alterCmds */.sy)(s);
            const strong = cmds.some((c) => !WEAKER.has(c.subtype) &&
                !(c.subtype === 'AT_AddConstraint' && (0,ast_node/* nodeAs */.hK)(c.def, 'Constraint')?.contype === 'CONSTR_FOREIGN'));
            return strong ? existing((0,ast/* tableOf */.c_)(s)) : undefined;
        }
        case 'RenameStmt':
            return existing((0,ast/* tableOf */.c_)(s));
        case 'TruncateStmt':
            return existing((0,ast/* relName */.ve)((0,ast_node/* nodeAs */.hK)(s.node.relations?.[0], 'RangeVar')));
        case 'LockStmt':
            return s.node.mode === 8 ? existing((0,ast/* relName */.ve)((0,ast_node/* nodeAs */.hK)(s.node.relations?.[0], 'RangeVar'))) : undefined;
        case 'VacuumStmt':
            return (0,options/* optionOn */.J)(s.node.options, 'full')
                ? existing((0,ast/* relName */.ve)((0,ast_node/* nodeAs */.hK)(s.node.rels?.[0], 'VacuumRelation')?.relation))
                : undefined;
        case 'ClusterStmt':
            return existing((0,ast/* tableOf */.c_)(s));
        default:
            return undefined;
    }
}
/** Statements whose run time grows with the data: reading or writing rows, building or checking. */
function slow(ctx, s, i) {
    switch (s.kind) {
        case 'UpdateStmt':
        case 'DeleteStmt':
        case 'MergeStmt':
            return !ctx.createdBefore((0,ast/* tableOf */.c_)(s), i);
        case 'InsertStmt':
            return !!(0,ast_node/* nodeAs */.hK)(s.node.selectStmt, 'SelectStmt') && !(0,ast_node/* nodeAs */.hK)(s.node.selectStmt, 'SelectStmt')?.valuesLists;
        case 'SelectStmt':
            return !!s.node.fromClause?.length;
        case 'IndexStmt':
            return !ctx.createdBefore((0,ast/* tableOf */.c_)(s), i);
        case 'CreateTableAsStmt':
        case 'RefreshMatViewStmt':
        case 'CopyStmt':
            return true;
        case 'AlterTableStmt':
            return (0,ast/* alterCmds */.sy)(s).some((c) => c.subtype === 'AT_ValidateConstraint');
        default:
            return false;
    }
}
const statement_after_exclusive_lock_rule = {
    id: 'statement-after-exclusive-lock',
    group: 'locking',
    severity: 'warning',
    title: 'A slow statement after an ACCESS EXCLUSIVE lock in the same transaction',
    message: 'A lock is held until the transaction commits: this statement runs while the ACCESS EXCLUSIVE lock taken earlier still blocks every read and write of that table.',
    help: 'Move the slow statement (backfill, index build, validation, query) into a migration of its own, or take the exclusive lock last.',
    check: (ctx) => {
        if (!ctx.file.exec)
            return [];
        const { events } = (0,ast/* txControl */.mt)(ctx.file.statements);
        // In a transaction-mode file everything shares one transaction; otherwise only statements in one BEGIN block do.
        const blockOf = new Map(events.filter((e) => e.kind === 'inside').map((e) => [e.statement, e.block]));
        const whole = ctx.file.exec.mode === 'transaction';
        let held;
        const hits = [];
        ctx.file.statements.forEach((s, i) => {
            const block = blockOf.get(s);
            if (!whole && held && held.block !== block)
                held = undefined;
            if (held && (whole || block) && slow(ctx, s, i)) {
                hits.push({
                    statement: s,
                    detail: `${(0,ast/* relText */.HC)(held.rel)} has been locked since line ${held.at.location.line}.`,
                });
            }
            const rel = (whole || block) && !held ? exclusiveLock(ctx, s, i) : undefined;
            if (rel)
                held = { rel, at: s, block };
        });
        return hits;
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/syntax-error.ts
/** Reported by the linter itself when PostgreSQL's parser rejects a file; no other rule runs on that file. */
const syntax_error_rule = {
    id: 'syntax-error',
    group: 'broken',
    severity: 'error',
    title: 'Syntax error',
    message: "PostgreSQL's parser rejects the file: nothing in it can run.",
    help: 'Fix the SQL at the position shown; the file was not run.',
    check: () => [],
};

;// CONCATENATED MODULE: ./src/lint/rules/toggling-row-level-security.ts

const toggling_row_level_security_rule = {
    id: 'toggling-row-level-security',
    group: 'compatibility',
    severity: 'warning',
    title: 'Row level security turned on with no policy, or turned off',
    message: "Turned on, row level security hides every row from every role but superusers, roles with BYPASSRLS and the table's owner until a permissive policy lets rows through: the application reads nothing and its writes fail. Turned off, the policies stop applying: each role with privileges on the table reads and changes every row (NO FORCE does that for the owner).",
    help: 'Create the policies in the same migration as ENABLE ROW LEVEL SECURITY (or in an earlier one). Turn it off only when no policy is meant to protect the rows any more.',
    check: (ctx) => {
        // As the migration leaves it: a policy created after ENABLE in the same migration counts, one dropped does not.
        const after = ctx.schemaBefore(ctx.file.statements.length);
        return ctx.file.statements.flatMap((s) => {
            const rel = (0,ast/* tableOf */.c_)(s);
            if (s.kind !== 'AlterTableStmt' || !rel)
                return [];
            const cmds = new Set((0,ast/* alterCmds */.sy)(s).map((c) => c.subtype));
            if (cmds.has('AT_DisableRowSecurity'))
                return [{ statement: s, detail: `${(0,ast/* relText */.HC)(rel)}: its policies stop applying.` }];
            if (cmds.has('AT_NoForceRowSecurity'))
                return [{ statement: s, detail: `${(0,ast/* relText */.HC)(rel)}: its owner bypasses the policies again.` }];
            if (!cmds.has('AT_EnableRowSecurity') || after.hasPolicy(rel))
                return [];
            return [
                {
                    statement: s,
                    detail: `No permissive policy on ${(0,ast/* relText */.HC)(rel)} is declared in this migration or earlier in the folder (policies made outside the folder are not seen).`,
                },
            ];
        });
    },
};

;// CONCATENATED MODULE: ./src/lint/rules/transaction-nesting.ts

function detail(e) {
    switch (e.kind) {
        case 'nested-begin':
            return 'BEGIN inside an open transaction is ignored, and the next COMMIT ends the outer one early.';
        case 'stray-commit':
            return 'COMMIT without a BEGIN commits nothing here and hides a missing BEGIN.';
        case 'rollback':
            return e.statement.kind === 'TransactionStmt' && e.statement.node.kind === 'TRANS_STMT_ROLLBACK'
                ? 'A top-level ROLLBACK undoes the migration it belongs to.'
                : 'A two-phase commit statement hands the outcome of the migration to another session.';
        case 'connect-inside':
            return `\\connect ends the session, and psql rolls back the transaction opened at line ${e.block.location.line}.`;
        default:
            return undefined;
    }
}
const transaction_nesting_rule = {
    id: 'transaction-nesting',
    group: 'broken',
    severity: 'error',
    title: 'Nested or stray transaction control',
    message: 'The transaction statements do not pair up: part of the migration would commit or roll back where the author did not mean it to.',
    help: 'Keep at most one BEGIN … COMMIT around the whole file (or none: the runner wraps each migration in a transaction).',
    check: (ctx) => (0,ast/* txControl */.mt)(ctx.file.statements).events.flatMap((e) => {
        const d = detail(e);
        return d ? [{ statement: e.statement, detail: d }] : [];
    }),
};

;// CONCATENATED MODULE: ./src/lint/rules/truncate-table.ts

const truncate_table_rule = {
    id: 'truncate-table',
    group: 'destructive',
    severity: 'error',
    title: 'TRUNCATE',
    message: 'Every row of the table is deleted (and with CASCADE, of every table referencing it).',
    help: 'Make sure the data is expendable and backed up, then acknowledge with -- pg-migration-gate:ignore truncate-table on the statement.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'TruncateStmt' &&
        (s.node.behavior === 'DROP_CASCADE' ? 'With CASCADE: tables referencing it are emptied too.' : true)),
};

;// CONCATENATED MODULE: ./src/lint/rules/unterminated-transaction.ts

const unterminated_transaction_rule = {
    id: 'unterminated-transaction',
    group: 'broken',
    severity: 'error',
    title: 'BEGIN without COMMIT',
    message: 'The transaction is never committed: psql rolls it back when the session ends, silently, and this tool refuses to run the file.',
    help: 'Add COMMIT; at the end of the file, or remove the BEGIN and let the runner wrap the migration in its own transaction.',
    check: (ctx) => (0,ast/* txControl */.mt)(ctx.file.statements)
        .events.filter((e) => e.kind === 'unterminated')
        .map((e) => ({ statement: e.statement })),
};

;// CONCATENATED MODULE: ./src/lint/rules/unused-suppression.ts
/** Reported by the linter itself for suppression comments that silence nothing. */
const unused_suppression_rule = {
    id: 'unused-suppression',
    group: 'conventions',
    severity: 'warning',
    title: 'A suppression comment that silences nothing',
    message: 'This pg-migration-gate:ignore comment no longer silences any finding.',
    help: 'Remove it (or fix the rule name), so that a real finding is not hidden by it later.',
    check: () => [],
};

;// CONCATENATED MODULE: ./src/lint/rules/update-without-where.ts

const update_without_where_rule = {
    id: 'update-without-where',
    group: 'destructive',
    severity: 'error',
    title: 'UPDATE without WHERE',
    message: 'Every row of the table is overwritten, and on a large table the whole update runs in one transaction holding row locks on all of them.',
    help: 'Add the WHERE clause you meant (and update in batches), or acknowledge with -- pg-migration-gate:ignore update-without-where on the statement.',
    check: (ctx) => eachStatement(ctx, (s) => s.kind === 'UpdateStmt' && !s.node.whereClause),
};

;// CONCATENATED MODULE: ./src/lint/rules/vacuum-full-or-cluster.ts


const vacuum_full_or_cluster_rule = {
    id: 'vacuum-full-or-cluster',
    group: 'locking',
    severity: 'warning',
    title: 'VACUUM FULL or CLUSTER',
    message: 'The table is rewritten under an ACCESS EXCLUSIVE lock: every read and write waits until it is done, and the disk needs room for a second copy.',
    help: 'Use plain VACUUM, or an online tool such as pg_repack, outside the migration.',
    check: (ctx) => eachStatement(ctx, (s) => (s.kind === 'VacuumStmt' && (0,options/* optionOn */.J)(s.node.options, 'full')) || s.kind === 'ClusterStmt'),
};

;// CONCATENATED MODULE: ./src/lint/registry.ts






















































/** Every rule, one file each under rules/; the order is the docs' order. */
const RULES = [
    rule,
    adding_exclusion_constraint_rule,
    adding_required_column_rule,
    adding_serial_or_generated_column_rule,
    adding_unique_constraint_without_index_rule,
    adding_volatile_default_rule,
    changing_column_type_rule,
    concurrently_in_transaction_rule,
    constrained_domain_rule,
    constraint_missing_not_valid_rule,
    delete_without_where_rule,
    detach_partition_without_concurrently_rule,
    differs_from_psql_rule,
    drop_column_rule,
    drop_database_rule,
    drop_schema_rule,
    drop_table_rule,
    dropping_not_null_rule,
    duplicate_column_assignment_rule,
    enum_value_in_transaction_rule,
    enum_value_without_position_rule,
    foreign_key_without_index_rule,
    identifier_too_long_rule,
    missing_down_script_rule,
    missing_header_comment_rule,
    multiple_transaction_blocks_rule,
    naming_convention_rule,
    non_idempotent_ddl_rule,
    not_rerunnable_without_transaction_rule,
    prefer_bigint_identity_key_rule,
    prefer_identity_rule,
    prefer_jsonb_rule,
    prefer_text_over_char_rule,
    prefer_text_over_varchar_rule,
    prefer_timestamptz_rule,
    primary_key_on_nullable_column_rule,
    quoted_char_type_rule,
    renaming_column_rule,
    renaming_table_rule,
    require_concurrent_index_creation_rule,
    require_concurrent_index_deletion_rule,
    require_concurrent_reindex_rule,
    require_lock_timeout_rule,
    rewriting_table_storage_rule,
    setting_not_null_rule,
    statement_after_exclusive_lock_rule,
    syntax_error_rule,
    toggling_row_level_security_rule,
    transaction_nesting_rule,
    truncate_table_rule,
    unterminated_transaction_rule,
    unused_suppression_rule,
    update_without_where_rule,
    vacuum_full_or_cluster_rule,
];
const byId = new Map(RULES.map((r) => [r.id, r]));
function ruleById(id) {
    return byId.get(id);
}


/***/ }),

/***/ 7246:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   IN: () => (/* binding */ nameParts),
/* harmony export */   Je: () => (/* binding */ stringOf),
/* harmony export */   Ke: () => (/* binding */ relationOf),
/* harmony export */   Nh: () => (/* binding */ nodesOf),
/* harmony export */   hK: () => (/* binding */ nodeAs),
/* harmony export */   oA: () => (/* binding */ unwrap)
/* harmony export */ });
/** `{ ColumnDef: {…} }` → `{ kind: 'ColumnDef', node: {…} }`. */
function unwrap(wrapped) {
    const kind = Object.keys(wrapped)[0];
    return { kind, node: wrapped[kind] };
}
/** The fields of `node` when it is a node of `kind` (`nodeAs(e, 'Constraint')?.contype`), else undefined. */
function nodeAs(node, kind) {
    return typeof node === 'object' && node !== null && kind in node ? node[kind] : undefined;
}
/** The table a statement names as its `relation` (ALTER TABLE, CREATE INDEX, …), whatever its kind. */
function relationOf(s) {
    return 'relation' in s.node ? s.node.relation : undefined;
}
/** The text of a `String` node: a part of a name, a keyword given as a name. */
const stringOf = (node) => nodeAs(node, 'String')?.sval;
/** The parts of a qualified name as written (`names`, `funcname`, `fields`): `['pg_catalog', 'int4']`. */
const nameParts = (list) => (list ?? []).map((n) => stringOf(n) ?? '');
/** The nodes of one kind in a list (`tableElts` → its `Constraint`s). */
function nodesOf(list, kind) {
    return (list ?? []).flatMap((n) => {
        const node = nodeAs(n, kind);
        return node ? [node] : [];
    });
}


/***/ }),

/***/ 8259:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ optionOn)
/* harmony export */ });
/* harmony import */ var _ast_node_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7246);

/**
 * Whether a parenthesized option list turns an option on, read as PostgreSQL's defGetBoolean reads it:
 * `(CONCURRENTLY)` and `(FULL true)` are on; `(CONCURRENTLY false)`, `(FULL off)` and `(FULL 0)` are off. REINDEX
 * and VACUUM accept an option twice, and the last one counts.
 */
function optionOn(options, name) {
    const option = (0,_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodesOf */ .Nh)(options, 'DefElem')
        .filter((d) => d.defname === name)
        .pop();
    if (!option)
        return false;
    const arg = option.arg;
    if (!arg)
        return true;
    const number = (0,_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeAs */ .hK)(arg, 'Integer');
    if (number)
        return (number.ival ?? 0) !== 0;
    const bool = (0,_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .nodeAs */ .hK)(arg, 'Boolean');
    if (bool)
        return !!bool.boolval;
    return ['true', 'on'].includes(((0,_ast_node_js__WEBPACK_IMPORTED_MODULE_0__/* .stringOf */ .Je)(arg) ?? '').toLowerCase());
}


/***/ }),

/***/ 5493:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  HU: () => (/* binding */ LineMap),
  Ec: () => (/* binding */ byteToChar),
  qd: () => (/* binding */ loadParser),
  v2: () => (/* binding */ parsePsqlScript),
  tl: () => (/* binding */ parseScript),
  dh: () => (/* binding */ warmParser)
});

// EXTERNAL MODULE: ./node_modules/libpg-query/wasm/index.cjs
var wasm = __nccwpck_require__(2627);
// EXTERNAL MODULE: ./src/migrations/ast-node.ts
var ast_node = __nccwpck_require__(7246);
// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __nccwpck_require__(358);
// EXTERNAL MODULE: ./src/connection/conn-string.ts
var conn_string = __nccwpck_require__(864);
;// CONCATENATED MODULE: ./src/migrations/psql-meta.ts


const GENERIC = 'psql meta-commands other than \\restrict, \\unrestrict, \\connect to the same database and \\set ON_ERROR_STOP are not run by pg-migration-gate; remove it';
const INCLUDE = 'inline the included file or make it a migration of its own';
const HINTS = new Map([
    ['i', INCLUDE],
    ['ir', INCLUDE],
    ['include', INCLUDE],
    ['include_relative', INCLUDE],
    ['copy', 'load the data with COPY … FROM stdin inline, or in a seed step'],
    ['gexec', 'write out the statements the query generates, or run them from a DO block with EXECUTE'],
    ['g', 'end the statement with a semicolon instead'],
    ['gx', 'end the statement with a semicolon instead'],
    ['.', 'a line holding only \\. ends the rows of a COPY … FROM stdin, and no COPY is reading rows here; remove it'],
]);
const UNDERSTOOD = new Set(['restrict', 'unrestrict', 'connect', 'c', 'set']);
function refuse(message, location, hint = GENERIC) {
    throw new errors/* MigrationError */.Py(message, { location, hint });
}
/** Splits arguments as psql does: blanks separate them; '…' and "…" quote, a doubled quote standing for itself. */
function splitArgs(text, command, location) {
    const args = [];
    for (let i = 0; i < text.length;) {
        const c = text[i];
        if (/\s/.test(c)) {
            i++;
        }
        else if (c === "'" || c === '"') {
            let value = '';
            let j = i + 1;
            for (; j < text.length && !(text[j] === c && text[j + 1] !== c); j++) {
                // psql reads backslash escapes inside '…'; no dump writes them, so they are refused, not guessed at
                if (c === "'" && text[j] === '\\')
                    refuse(`a backslash escape in an argument of \\${command} is not read by pg-migration-gate`, location, 'write the value without escapes');
                value += text[j];
                if (text[j] === c)
                    j++;
            }
            if (j >= text.length)
                refuse(`an unterminated quoted argument of \\${command}: psql rejects the line`, location, 'close the quote');
            args.push({ value, quoted: true });
            i = j + 1;
        }
        else {
            const word = /^[^\s'"]*/.exec(text.slice(i))[0];
            // unquoted text can hold psql variables (:name), shell commands (`…`) or a second meta-command (\…)
            if (/[`\\]|:['"A-Za-z_]/.test(word))
                refuse(`\\${command} ${word}: psql variables, backquotes and further meta-commands are not run by pg-migration-gate`, location, 'write the value out');
            args.push({ value: word, quoted: false });
            i += word.length;
        }
    }
    return args;
}
/** psql's ParseVariableBool: unique prefixes of true/false/yes/no/on/off, or 1/0; undefined when psql rejects it. */
function psqlBool(value) {
    const v = value.toLowerCase();
    const prefixOf = (word, min = 1) => v.length >= min && word.startsWith(v);
    if (prefixOf('true') || prefixOf('yes') || prefixOf('on', 2) || v === '1')
        return true;
    if (prefixOf('false') || prefixOf('no') || prefixOf('off', 2) || v === '0')
        return false;
    return undefined;
}
function setVariable(args, location) {
    const [name, ...values] = args;
    if (name?.value !== 'ON_ERROR_STOP')
        refuse(`psql meta-command \\set${name ? ` ${name.value}` : ''} is not run by pg-migration-gate`, location);
    const value = values.map((v) => v.value).join('');
    const on = psqlBool(value);
    if (on === undefined)
        refuse(`\\set ON_ERROR_STOP '${value}': psql rejects the value and stops`, location, 'write \\set ON_ERROR_STOP on, or remove the line');
    if (!on)
        refuse('\\set ON_ERROR_STOP off is not run by pg-migration-gate: it always stops at the first error', location, 'remove the line');
}
/** `dbname=x user=y` or `postgresql://user@host/db`: psql takes a first argument holding either as a whole connection. */
function connectionString(text, location) {
    try {
        return (0,conn_string/* parseConnString */.Rr)(text);
    }
    catch (err) {
        return refuse(`\\connect '${text}': ${err.message}`, location, 'name the database as \\connect dbname');
    }
}
function connectTarget(args, location) {
    const rest = args[0] && !args[0].quoted && args[0].value.startsWith('-reuse-previous=') ? args.slice(1) : args;
    // unquoted `-` (or nothing) keeps the current value, as in psql
    const given = (a) => (a && (a.quoted || (a.value !== '' && a.value !== '-')) ? a.value : undefined);
    const first = rest[0]?.value ?? '';
    const conninfo = /^postgres(ql)?:\/\//.test(first) || first.includes('=');
    const f = conninfo
        ? connectionString(first, location)
        : { dbname: given(rest[0]), user: given(rest[1]), host: given(rest[2]), port: given(rest[3]) };
    const server = ['host', 'hostaddr', 'port', 'service'].filter((k) => f[k]);
    if (server.length) {
        refuse(`\\connect to another server (${server.join(', ')}) is not run by pg-migration-gate`, location, 'a migration runs on the database the gate connects to; remove the \\connect or its server part');
    }
    return { database: f.dbname || undefined, user: f.user || undefined };
}
/** The meta-commands of one file, in order: psql's restricted mode (\restrict … \unrestrict) spans lines. */
class PsqlMetaCommands {
    restricted;
    /**
     * Decides one meta-command, its text taken from the backslash to the end of the line. Returns where a \connect
     * goes; undefined for a line with no effect on this runner. Throws a MigrationError for anything refused.
     */
    run(text, location, midStatement) {
        const command = /^\\([A-Za-z_]\w*\+?|\S)?/.exec(text)[1] ?? '';
        if (!UNDERSTOOD.has(command))
            refuse(`psql meta-command \\${command} is not run by pg-migration-gate`, location, HINTS.get(command));
        if (midStatement)
            refuse(`psql meta-command \\${command} in the middle of a statement`, location, 'end the statement with a semicolon before the meta-command');
        if (this.restricted && command !== 'unrestrict') {
            refuse(`psql refuses \\${command} in restricted mode (\\restrict at line ${this.restricted.line})`, location, 'put the \\unrestrict line before it, as pg_dump does');
        }
        const args = splitArgs(text.slice(1 + command.length), command, location);
        switch (command) {
            case 'restrict':
            case 'unrestrict': {
                const key = args.length === 1
                    ? args[0].value
                    : refuse(`\\${command} takes one key: psql rejects the line`, location, 'write the key pg_dump wrote');
                if (command === 'restrict')
                    this.restricted = { key, line: location.line };
                else if (this.restricted?.key !== key)
                    refuse('\\unrestrict with no \\restrict of the same key before it: psql rejects the line', location, 'use the key of the \\restrict line');
                else
                    this.restricted = undefined;
                return undefined;
            }
            case 'set':
                setVariable(args, location);
                return undefined;
            default:
                return connectTarget(args, location);
        }
    }
}

;// CONCATENATED MODULE: ./src/migrations/psql-script.ts




const NEWLINE = 10;
/** Operators seen between two operands, whose missing right side is a typo rather than a postfix operator. */
const BINARY_ONLY = new Set([
    '*',
    '=',
    '<',
    '>',
    '<=',
    '>=',
    '<>',
    '!=',
    '+',
    '-',
    '/',
    '%',
    '^',
    '||',
    '&&',
    '~~',
    '!~~',
    '~',
    '!~',
    '~*',
    '!~*',
    '->',
    '->>',
    '#>',
    '#>>',
    '@>',
    '<@',
    '?',
    '?|',
    '?&',
    '&',
    '|',
    '#',
    '<<',
    '>>',
]);
const BACKSLASH = 92;
const isCopyFromStdin = (p) => {
    const copy = (0,ast_node/* nodeAs */.hK)(p.stmt, 'CopyStmt');
    return copy?.is_from === true && !copy.filename;
};
const piece = (p) => ({ start: p.start, end: p.end, stmt: p.stmt });
/** Bytes parsed at a time (to the next line end); doubled while a statement runs past the window. */
const WINDOW = 32 * 1024;
/** Moves every parse location in an AST by `by` bytes; -1 stands for "unknown" and stays. */
function shiftLocations(node, by) {
    if (by === 0 || !node || typeof node !== 'object')
        return;
    if (Array.isArray(node)) {
        for (const n of node)
            shiftLocations(n, by);
        return;
    }
    const fields = node;
    for (const [k, v] of Object.entries(fields)) {
        if (typeof v === 'number' && (k === 'location' || k === 'name_location'))
            fields[k] = v >= 0 ? v + by : v;
        else
            shiftLocations(v, by);
    }
}
/** libpg-query counts error positions in characters (code points); the rest of this file counts bytes. */
function byteOffset(text, codePoints) {
    let i = 0;
    for (let n = 0; n < codePoints && i < text.length; n++)
        i += text.codePointAt(i) > 0xffff ? 2 : 1;
    return Buffer.byteLength(text.slice(0, i));
}
class Splitter {
    text;
    locate;
    bytes;
    meta = new PsqlMetaCommands();
    /** Everything before this byte (a line start, or the end) is read, and no statement is open there. */
    done = 0;
    pieces = [];
    blanks = [];
    /** Rows a large file left on disk, by the byte offset of the end-of-data line they preceded. */
    onDisk;
    constructor(text, locate, onDisk) {
        this.text = text;
        this.locate = locate;
        this.bytes = Buffer.from(text, 'utf8');
        this.onDisk = new Map(onDisk);
    }
    run() {
        this.split();
        // Every block of rows the line reader left on disk must be one the parser found: otherwise the two read the
        // file differently, and it is refused rather than run either way.
        const [left] = this.onDisk.values();
        if (left) {
            throw new errors/* MigrationError */.Py('this large file was read in pieces, and the COPY … FROM stdin its rows belong to could not be found again', {
                location: this.locate(this.bytes.length),
                hint: `check the statement before line ${left.line + 1} of the file's SQL; or split the file into migrations under 64 MiB`,
            });
        }
    }
    split() {
        // The whole file first: plain SQL parses in one go, exactly as it always has.
        for (let size = Infinity; this.done < this.bytes.length;) {
            const end = this.done + size >= this.bytes.length ? this.bytes.length : this.nextLine(this.done + size);
            const r = this.parse(end);
            if (!('error' in r) && this.takeCopy(r)) {
                size = WINDOW;
            }
            else if (end < this.bytes.length && this.cutShort(r, end)) {
                size *= 2;
            }
            else if ('error' in r) {
                this.recover(r);
                size = WINDOW;
            }
            else {
                this.pieces.push(...r.map(piece));
                this.done = end;
            }
        }
    }
    /** True when the end of the window, not the text, stopped the parser: a statement, string or comment goes on. */
    cutShort(r, end) {
        if ('error' in r)
            return r.at >= end || r.error.message.startsWith('unterminated ');
        return r.length > 0 && !r[r.length - 1].terminated;
    }
    /**
     * Parses bytes [done, end). The text starts at the line break before `done`, so that no token sits at offset
     * 0 (libpg-query leaves zero locations out), and every offset is moved back to the file's.
     */
    parse(end) {
        const base = Math.max(0, this.done - 1);
        const view = base === 0 && end === this.bytes.length ? this.text : this.bytes.toString('utf8', base, end);
        try {
            return ((0,wasm.parseSync)(view).stmts ?? []).map((s) => {
                const start = base + (s.stmt_location ?? 0);
                shiftLocations(s.stmt, base);
                return { stmt: s.stmt, start, end: s.stmt_len ? start + s.stmt_len : end, terminated: !!s.stmt_len };
            });
        }
        catch (err) {
            const error = err;
            return { error, at: base + byteOffset(view, error.sqlDetails?.cursorPosition ?? 0) };
        }
    }
    recover({ error, at }) {
        const lineStart = this.lineStart(at);
        const command = this.bytes[at] === BACKSLASH ? at : this.commandAtLineStart(lineStart, at);
        const before = this.completeBefore(command ?? lineStart);
        // Rows come first: a data line may itself start with a backslash (\N is NULL).
        if (this.takeCopy(before.statements))
            return;
        if (command === undefined) {
            throw new errors/* MigrationError */.Py(`syntax error: ${error.message}${this.postfixNote(at)}`, {
                location: this.locate(at),
                sqlstate: '42601',
                hint: 'fix the SQL at this position; the file was not run',
                cause: error,
            });
        }
        this.pieces.push(...before.statements.map(piece));
        this.metaCommand(command, before.open);
    }
    /**
     * When the token before the error is an operator (`5 !`): a postfix operator, which PostgreSQL 13 still reads
     * and this parser (PostgreSQL 18's) does not, so the file is refused here where an old server would run it.
     */
    postfixNote(at) {
        let tokens;
        try {
            tokens = (0,wasm.scanSync)(this.bytes.toString('utf8', this.done, at)).tokens;
        }
        catch {
            return '';
        }
        const [operand, last] = tokens.slice(-2);
        const isOperand = operand && (/^[IFS]CONST$|^IDENT$/.test(operand.tokenName) || operand.text === ')' || operand.text === ']');
        if (!isOperand || !last || BINARY_ONLY.has(last.text) || !/^[-+*/<>=~!@#%^&|`?]+$/.test(last.text))
            return '';
        return ` (after the operator ${last.text} with nothing on its right: a postfix operator, which PostgreSQL 14 removed and the parser pg-migration-gate reads files with does not know; call the operator's function instead, e.g. factorial(n) for n !)`;
    }
    /** The backslash that opens the line holding `at`, after blanks; undefined when the line opens otherwise. */
    commandAtLineStart(lineStart, at) {
        let i = lineStart;
        while (this.bytes[i] === 32 || this.bytes[i] === 9)
            i++;
        return this.bytes[i] === BACKSLASH && i <= at ? i : undefined;
    }
    /**
     * The statements complete (ended by a semicolon) before `cut`, and whether one is still open at `cut`. When
     * the text up to `cut` does not parse (the cut fell inside a statement, a string or a function body), the cut
     * moves back to an earlier line until it does.
     */
    completeBefore(cut) {
        let open;
        for (let c = cut; c > this.done;) {
            const r = this.parse(c);
            if (!('error' in r)) {
                const unfinished = r.length > 0 && !r[r.length - 1].terminated;
                return { statements: unfinished ? r.slice(0, -1) : r, open: open ?? unfinished };
            }
            open ??= true;
            c = this.lineStart(Math.min(r.at, c - 1));
        }
        return { statements: [], open: open ?? false };
    }
    /**
     * Takes the first COPY … FROM stdin among `statements` with its rows: the lines after the one its semicolon
     * ends, up to a line holding only `\.`. The statements before it are taken too. False when there is none.
     */
    takeCopy(statements) {
        const i = statements.findIndex(isCopyFromStdin);
        if (i < 0)
            return false;
        const copy = statements[i];
        const from = this.nextLine(copy.end);
        if (statements[i + 1] && statements[i + 1].start < from) {
            // psql would run it after the rows; no dump writes this, so it is refused rather than reordered
            throw new errors/* MigrationError */.Py('a statement after COPY … FROM stdin on the same line', {
                location: this.locate(statements[i + 1].start),
                hint: 'put the statement on a line of its own after the end-of-data line (\\.)',
            });
        }
        const to = this.endOfData(from);
        if (to < 0) {
            throw new errors/* MigrationError */.Py('COPY … FROM stdin has no end-of-data line (a line holding only \\.)', {
                location: this.locate(copy.start),
                hint: 'end the rows with a line holding only \\. as pg_dump writes it',
            });
        }
        // psql sends the lines as read, line ends included: a quoted CSV value keeps its \r\n.
        const onDisk = from === to ? this.onDisk.get(from) : undefined;
        this.onDisk.delete(from);
        const copyData = onDisk ?? this.bytes.toString('utf8', from, to);
        this.pieces.push(...statements.slice(0, i).map(piece), { ...piece(copy), copyData });
        this.skip(from, this.nextLine(to));
        return true;
    }
    /** The offset of the first line from `from` on that holds only `\.` (a \r before its newline allowed), or -1. */
    endOfData(from) {
        for (let p = from; p < this.bytes.length;) {
            const eol = this.bytes.indexOf(NEWLINE, p);
            const end = eol < 0 ? this.bytes.length : eol;
            const length = end - p - (this.bytes[end - 1] === 13 ? 1 : 0);
            if (length === 2 && this.bytes[p] === BACKSLASH && this.bytes[p + 1] === 46)
                return p;
            p = end + 1;
        }
        return -1;
    }
    metaCommand(at, midStatement) {
        const eol = this.bytes.indexOf(NEWLINE, at);
        const line = this.bytes.toString('utf8', at, eol < 0 ? this.bytes.length : eol).replace(/\r$/, '');
        const connect = this.meta.run(line, this.locate(at), midStatement);
        if (connect)
            this.pieces.push({ start: at, end: at + Buffer.byteLength(line), connect });
        this.skip(at, this.nextLine(at));
    }
    /** Marks [from, to) as read and not SQL; `to` is a line start (or the end). */
    skip(from, to) {
        this.blanks.push([from, to]);
        this.done = to;
    }
    lineStart(at) {
        return at <= 0 ? 0 : this.bytes.lastIndexOf(NEWLINE, at - 1) + 1;
    }
    nextLine(at) {
        const eol = this.bytes.indexOf(NEWLINE, at);
        return eol < 0 ? this.bytes.length : eol + 1;
    }
}
/**
 * Splits a psql script into its statements (COPY … FROM stdin carrying its rows, `\connect` as a statement of
 * its own) and the ranges that are not SQL. Throws a MigrationError at the file's line for a syntax error, a
 * meta-command that is refused, or COPY rows without their end line. `locate` maps a byte offset to the file.
 */
function splitPsqlScript(text, locate, onDisk) {
    const s = new Splitter(text, locate, onDisk);
    s.run();
    return { pieces: s.pieces, blanks: s.blanks };
}

;// CONCATENATED MODULE: ./src/migrations/parse.ts



let loading;
/** Loads the PostgreSQL parser (WebAssembly) once. */
function loadParser() {
    loading ??= (0,wasm.loadModule)();
    return loading;
}
/**
 * Starts compiling the parser now, off the main thread, so it is ready by the time the files are read and the
 * database answered. A failure surfaces where the parser is first needed.
 */
function warmParser() {
    loadParser().catch(() => undefined);
}
/**
 * Maps character offsets in a script to 1-based lines and columns of its file; the lines of COPY rows a large
 * file left on disk count where they were.
 */
class LineMap {
    script;
    starts = [0];
    constructor(script) {
        this.script = script;
        const text = script.sql;
        for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
            this.starts.push(i + 1);
    }
    at(offset) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        const rows = (this.script.elided ?? []).reduce((n, e) => (e.line <= lo ? n + e.lines : n), 0);
        return { file: this.script.file, line: this.script.startLine + lo + rows, column: offset - this.starts[lo] + 1 };
    }
    /** The character offset where 0-based line `line` starts. */
    lineStart(line) {
        return this.starts[line];
    }
}
/**
 * Converts libpg-query's byte offsets to character offsets; identity for ASCII text. Conversions mostly move
 * forward through the text, so each continues from the last one instead of decoding from the start.
 */
function byteToChar(text) {
    // eslint-disable-next-line no-control-regex
    if (!/[^\x00-\x7f]/.test(text))
        return (b) => b;
    const bytes = Buffer.from(text, 'utf8');
    let byte = 0;
    let char = 0;
    return (b) => {
        if (b < byte)
            byte = char = 0;
        const to = Math.min(b, bytes.length);
        if (to > byte)
            char += bytes.toString('utf8', byte, to).length;
        byte = Math.max(byte, to);
        return char;
    };
}
/**
 * Parses a script as `psql -X -v ON_ERROR_STOP=1 -f` reads it, with the real PostgreSQL parser, into statements
 * located in their file: plain SQL, or a pg_dump plain-format file (COPY … FROM stdin rows, `\restrict`,
 * `\connect`, `\set ON_ERROR_STOP`). A syntax error, or a meta-command that is not run, becomes a MigrationError
 * at its file, line and column.
 */
async function parsePsqlScript(script) {
    const { statements, blanks } = await read(script);
    return { statements, sql: blankOut(script.sql, blanks) };
}
/** The statements of a script; see parsePsqlScript. */
async function parseScript(script) {
    return (await read(script)).statements;
}
/** The statements, and the character ranges of the script that are not SQL. */
async function read(script) {
    await loadParser();
    if (!script.sql.trim())
        return { statements: [], blanks: [] };
    const toChar = byteToChar(script.sql);
    const lines = new LineMap(script);
    const { pieces, blanks } = splitPsqlScript(script.sql, (b) => lines.at(toChar(b)), rowsOnDisk(script, lines));
    const statements = pieces.map((p) => toStatement(p, script.sql, toChar, lines));
    return { statements, blanks: blanks.map(([from, to]) => [toChar(from), toChar(to)]) };
}
/** Where in the script's bytes each block of rows left on disk was, as the splitter finds them. */
function rowsOnDisk(script, lines) {
    if (!script.elided?.length)
        return undefined;
    // In file order: each offset counted on from the last.
    let char = 0;
    let byte = 0;
    return new Map(script.elided.map((e) => {
        const next = lines.lineStart(e.line);
        byte += Buffer.byteLength(script.sql.slice(char, next));
        char = next;
        return [byte, e];
    }));
}
function toStatement(p, text, toChar, lines) {
    const start = toChar(p.start);
    const at = { sql: text.slice(start, toChar(p.end)), location: lines.at(start), offset: start };
    if ('connect' in p)
        return { ...at, kind: 'PsqlConnect', node: p.connect };
    return { ...at, ...(0,ast_node/* unwrap */.oA)(p.stmt), ...(p.copyData !== undefined && { copyData: p.copyData }) };
}
/** Spaces over every character of the ranges but their line breaks, so lines and columns stay where they were. */
function blankOut(text, ranges) {
    const parts = [];
    let at = 0;
    for (const [from, to] of ranges) {
        parts.push(text.slice(at, from));
        for (let i = from; i < to;) {
            const eol = text.indexOf('\n', i);
            const end = eol >= 0 && eol < to ? eol : to;
            parts.push(' '.repeat(end - i), end < to ? '\n' : '');
            i = end + 1;
        }
        at = to;
    }
    parts.push(text.slice(at));
    return parts.join('');
}


/***/ }),

/***/ 7723:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   DU: () => (/* binding */ compareWithApproved),
/* harmony export */   SH: () => (/* binding */ planHash),
/* harmony export */   bc: () => (/* binding */ parsePlanHash),
/* harmony export */   pu: () => (/* binding */ planHashProblem),
/* harmony export */   tA: () => (/* binding */ unboundServerNote)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);

/** The form, for messages. */
const PLAN_HASH_FORM = 'sha256:<64 hex digits>@<system identifier>/<database oid>/<database name>';
/**
 * Without the system identifier a database's oid and name may repeat on another server (PostgreSQL 15 and later give
 * `postgres` the oid 5 everywhere), so the history itself stands in for the server: when each migration was
 * applied differs from one server to another, and not between a server and its replicas.
 */
function historyOf(plan) {
    return plan.applied.map((a) => [
        a.row.version?.text ?? a.row.name,
        a.row.appliedAt ? a.row.appliedAt.toISOString() : null,
    ]);
}
function digestOf(target, historyTable, plan) {
    const body = JSON.stringify({
        server: target.systemIdentifier ?? null,
        database: [target.oid, target.name],
        historyTable,
        lastApplied: plan.lastApplied?.text ?? null,
        pending: plan.pending.map((m) => [m.version.text, m.checksum]),
        ...(target.systemIdentifier ? {} : { history: historyOf(plan) }),
    });
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(body).digest('hex');
}
/** The database part, as it follows the `@`. */
function targetText(t) {
    return `${t.systemIdentifier ? `${t.systemIdentifier}/` : ''}${t.oid}/${encodeURIComponent(t.name)}`;
}
/** Identifies exactly what an apply would do, and where: the same plan on the same database gives the same hash. */
function planHash(target, historyTable, plan) {
    return `sha256:${digestOf(target, historyTable, plan)}@${targetText(target)}`;
}
const FORM = /^sha256:([0-9a-f]{64})@(?:(\d+)\/)?(\d+)\/([^\s/@]+)$/;
const BARE = /^sha256:[0-9a-f]{64}$/;
/** Reads a plan hash back; undefined when the text is not one. */
function parsePlanHash(text) {
    const m = FORM.exec(text);
    if (!m)
        return undefined;
    let name;
    try {
        name = decodeURIComponent(m[4]);
    }
    catch {
        return undefined;
    }
    return { digest: m[1], target: { name, oid: Number(m[3]), ...(m[2] ? { systemIdentifier: m[2] } : {}) } };
}
/** Why an expected-plan value is not a plan hash, or undefined when it is one. */
function planHashProblem(text) {
    if (parsePlanHash(text))
        return undefined;
    if (BARE.test(text)) {
        return `'${text}' names no database: a plan hash ends with the database it was made on (${PLAN_HASH_FORM}); this one comes from an earlier version of this action, so run the plan job again and approve its plan-hash output`;
    }
    return `'${text}' is not a plan hash (${PLAN_HASH_FORM}, the plan job's plan-hash output)`;
}
function compareWithApproved(approved, current, historyTable, plan) {
    const a = approved.target;
    const bothRead = a.systemIdentifier !== undefined && current.systemIdentifier !== undefined;
    if (bothRead && a.systemIdentifier !== current.systemIdentifier)
        return { verdict: 'other-server' };
    if (a.systemIdentifier !== undefined && current.systemIdentifier === undefined)
        return { verdict: 'server-unchecked' };
    if (a.oid !== current.oid || a.name !== current.name)
        return { verdict: 'other-database', sameServer: bothRead };
    if (digestOf({ ...current, systemIdentifier: a.systemIdentifier }, historyTable, plan) !== approved.digest)
        return { verdict: 'changed' };
    return { verdict: 'approved', serverChecked: bothRead };
}
/** The note a report carries when the plan hash cannot bind the server: what it binds instead, and the way out. */
function unboundServerNote(t) {
    if (t.systemIdentifier)
        return undefined;
    return (`the plan hash cannot name the server of the database ${t.name} (oid ${t.oid}): this role may not call pg_control_system(), so it binds the database's name and oid and when each applied migration was applied instead, ` +
        `which another server's copy of the database matches only if it was built from this one (a physical copy) or has no migration applied yet; GRANT EXECUTE ON FUNCTION pg_catalog.pg_control_system() TO the role to bind the server itself`);
}


/***/ }),

/***/ 964:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ mayEndTransaction),
/* harmony export */   z: () => (/* binding */ psqlReading)
/* harmony export */ });
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2627);
/* harmony import */ var libpg_query__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(libpg_query__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _ast_node_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7246);


const valueOf = (s) => {
    const c = (0,_ast_node_js__WEBPACK_IMPORTED_MODULE_1__/* .nodeAs */ .hK)(s.node.args?.[0], 'A_Const');
    return (c?.sval?.sval ?? (c?.ival ? String(c.ival.ival) : c?.boolval ? String(c.boolval.boolval) : c ? '0' : undefined));
};
const isOn = (v) => v !== undefined && /^(on|true|yes|1|t|y)$/i.test(v);
/** The modes of the transaction the statement runs in: psql's own statement's, in autocommit. */
const TRANSACTION_MODES = new Set([
    'transaction_isolation',
    'transaction_read_only',
    'transaction_deferrable',
    'TRANSACTION',
    'TRANSACTION SNAPSHOT',
]);
/** The modes later transactions start with: in psql's autocommit, every later statement's. */
const START_MODES = new Set([
    'default_transaction_isolation',
    'default_transaction_read_only',
    'default_transaction_deferrable',
    'SESSION CHARACTERISTICS',
]);
const NO_TRANSACTION = 'put `-- migrate:no-transaction` on the first line so the file runs statement by statement, as psql runs it';
/** Whether PL/pgSQL source (a DO block's, or a CREATE FUNCTION/PROCEDURE statement) holds a COMMIT or ROLLBACK. */
function commitsIn(plpgsql) {
    try {
        const json = JSON.stringify((0,libpg_query__WEBPACK_IMPORTED_MODULE_0__.parsePlPgSQLSync)(plpgsql));
        return json.includes('"PLpgSQL_stmt_commit"') || json.includes('"PLpgSQL_stmt_rollback"');
    }
    catch {
        return false; // the server reports a body it cannot compile, where psql would
    }
}
const defElem = (s, name) => (0,_ast_node_js__WEBPACK_IMPORTED_MODULE_1__/* .nodesOf */ .Nh)(s.kind === 'DoStmt' ? s.node.args : s.kind === 'CreateFunctionStmt' ? s.node.options : undefined, 'DefElem').find((d) => d.defname === name);
/** A DO block in PL/pgSQL that commits or rolls back. */
function doBlockCommits(s) {
    if (s.kind !== 'DoStmt')
        return false;
    const language = (0,_ast_node_js__WEBPACK_IMPORTED_MODULE_1__/* .stringOf */ .Je)(defElem(s, 'language')?.arg) ?? 'plpgsql';
    const body = (0,_ast_node_js__WEBPACK_IMPORTED_MODULE_1__/* .stringOf */ .Je)(defElem(s, 'as')?.arg);
    if (language.toLowerCase() !== 'plpgsql' || body === undefined)
        return false;
    let tag = '$pmg$';
    for (let n = 0; body.includes(tag); n++)
        tag = `$pmg${n}$`;
    return commitsIn(`CREATE PROCEDURE pmg_do() LANGUAGE plpgsql AS ${tag}${body}${tag}`);
}
/** A statement that may COMMIT or ROLLBACK inside itself, and so must not be wrapped in a transaction block of ours. */
const mayEndTransaction = (s) => s.kind === 'CallStmt' || doBlockCommits(s);
const qualified = (names) => (0,_ast_node_js__WEBPACK_IMPORTED_MODULE_1__/* .nameParts */ .IN)(names).join('.');
/** The procedures the file creates in PL/pgSQL whose body commits or rolls back, by name as written. */
function committingProcedures(statements) {
    const names = new Set();
    for (const s of statements) {
        if (s.kind !== 'CreateFunctionStmt' || !s.node.is_procedure)
            continue;
        if (commitsIn(s.sql))
            names.add(qualified(s.node.funcname));
    }
    return names;
}
/**
 * A plain '…' string in which standard_conforming_strings = off moves where the string ends: a backslash (an odd
 * run of them) before a quote escapes it there, so psql and the server would cut the statement elsewhere than
 * the parser that split the file. Strings without that read the same either way.
 */
function ambiguousString(sql) {
    let tokens;
    try {
        tokens = (0,libpg_query__WEBPACK_IMPORTED_MODULE_0__.scanSync)(sql).tokens;
    }
    catch {
        return false;
    }
    return tokens.some((t) => t.tokenName === 'SCONST' && t.text.startsWith("'") && /(^|[^\\])(\\\\)*\\('|$)/.test(t.text.slice(1, -1)));
}
/**
 * The setting a statement changes and its new value (undefined: back to its default): by SET, RESET, or a
 * set_config() with constants (in a SELECT or a DO block, where it takes effect as the statement runs).
 */
function settingChange(s) {
    if (s.kind === 'VariableSetStmt') {
        if (s.node.kind === 'VAR_SET_VALUE')
            return { name: s.node.name ?? '', value: valueOf(s) };
        if (s.node.kind === 'VAR_SET_DEFAULT' || s.node.kind === 'VAR_RESET')
            return { name: s.node.name ?? '' };
        return undefined;
    }
    const call = /\bset_config\s*\(\s*'([a-z_.]+)'\s*,\s*'([^']*)'/i.exec(s.sql);
    return call ? { name: call[1].toLowerCase(), value: call[2] } : undefined;
}
/** Whether transaction modes (SET TRANSACTION's, SET SESSION CHARACTERISTICS', or one setting's) differ from the defaults. */
function modesDiffer(s, change) {
    const differs = (name, value) => value === undefined ? false : /isolation/.test(name) ? !/^read committed$/i.test(value) : isOn(value);
    if (s.kind === 'VariableSetStmt' && s.node.kind === 'VAR_SET_MULTI') {
        return (0,_ast_node_js__WEBPACK_IMPORTED_MODULE_1__/* .nodesOf */ .Nh)(s.node.args, 'DefElem').some((d) => {
            const c = (0,_ast_node_js__WEBPACK_IMPORTED_MODULE_1__/* .nodeAs */ .hK)(d.arg, 'A_Const');
            return differs(d.defname ?? '', c?.sval?.sval ?? (c?.ival?.ival === 1 ? 'on' : 'off'));
        });
    }
    return !!change && differs(change.name, change.value);
}
const isUtf8 = (v) => v === undefined || /^(utf-?8|unicode)$/i.test(v);
/** Reads a plan's statements for what psql would do otherwise; `wrapped`: the file opened its own BEGIN. */
function psqlReading(statements, transactional, wrapped) {
    const divergences = [];
    const refuse = (statement, message, hint) => divergences.push({ statement, message, hint });
    const committing = committingProcedures(statements);
    let parseSettingAt;
    let backslashesEscape = false;
    statements.forEach((s, i) => {
        const change = settingChange(s);
        const name = change?.name ?? (s.kind === 'VariableSetStmt' ? s.node.name : undefined);
        if (change?.name === 'client_encoding' && !isUtf8(change.value)) {
            refuse(s, `client_encoding set to ${change.value}: psql would send the rest of the file's bytes to be read as ${change.value}`, 'pg-migration-gate reads the file and talks to the server in UTF-8: remove the statement (a file whose text is ASCII means the same in UTF-8), or save the file as UTF-8');
        }
        // A parse setting moved off the parser's own reading (standard_conforming_strings on, backslash_quote
        // safe_encoding): the statements after it go one query each, each parsed as the setting then says.
        if (change?.name === 'standard_conforming_strings') {
            backslashesEscape = change.value !== undefined && !isOn(change.value);
            if (backslashesEscape)
                parseSettingAt ??= i;
        }
        else if (change?.name === 'backslash_quote' &&
            change.value !== undefined &&
            !/^safe_encoding$/i.test(change.value))
            parseSettingAt ??= i;
        else if (s.kind === 'VariableSetStmt' && s.node.kind === 'VAR_RESET_ALL')
            backslashesEscape = false;
        else if (backslashesEscape && ambiguousString(s.sql)) {
            refuse(s, "a backslash before a quote in a '…' string while standard_conforming_strings is off: it escapes the quote, and the statement ends elsewhere than it seems", "write the quote as '' and the backslash as \\\\, or use an E'…' string");
        }
        if (!transactional)
            return;
        if (name !== undefined && TRANSACTION_MODES.has(name) && modesDiffer(s, change)) {
            const what = `SET ${name}`;
            refuse(s, wrapped
                ? `${what} after the transaction's first statement: PostgreSQL refuses it there, or it changes the transaction the history row is written in`
                : `${what} outside a BEGIN block: psql runs it in a transaction of its own (it changes nothing after it), but here the file runs in one transaction, which it would change`, wrapped
                ? 'put SET TRANSACTION right after the BEGIN, or give the modes to BEGIN itself'
                : 'remove it, or wrap the file in BEGIN; SET TRANSACTION …; … COMMIT; so that the modes apply to all of it');
        }
        if (name !== undefined &&
            START_MODES.has(name) &&
            modesDiffer(s, change) &&
            !wrapped &&
            i < statements.length - 1) {
            refuse(s, `SET ${name} changes how each later statement's transaction starts under psql, but here they all run in one transaction already begun`, `wrap the file in BEGIN … COMMIT with SET TRANSACTION after BEGIN, or ${NO_TRANSACTION}`);
        }
        const calls = s.kind === 'CallStmt' ? qualified(s.node.funccall?.funcname) : undefined;
        if (doBlockCommits(s) || (calls !== undefined && committing.has(calls))) {
            const what = s.kind === 'DoStmt' ? 'a DO block' : `CALL ${calls}`;
            if (wrapped)
                refuse(s, `${what} that commits inside the file's own BEGIN: PostgreSQL refuses COMMIT or ROLLBACK in a procedure there, under psql too ("invalid transaction termination")`, `remove the file's BEGIN and COMMIT and ${NO_TRANSACTION}`);
            else
                refuse(s, `${what} that commits: PostgreSQL refuses COMMIT or ROLLBACK in a procedure inside the migration's transaction ("invalid transaction termination")`, NO_TRANSACTION);
        }
    });
    return { divergences, ...(parseSettingAt !== undefined && { parseSettingAt }) };
}


/***/ }),

/***/ 5189:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ transactionControl)
/* harmony export */ });
function controlOf(s) {
    if (s.kind === 'PsqlConnect')
        return 'connect';
    if (s.kind !== 'TransactionStmt')
        return undefined;
    switch (s.node.kind) {
        case 'TRANS_STMT_BEGIN':
        case 'TRANS_STMT_START':
            return 'begin';
        case 'TRANS_STMT_COMMIT':
            return 'commit';
        case 'TRANS_STMT_ROLLBACK':
        case 'TRANS_STMT_PREPARE':
        case 'TRANS_STMT_COMMIT_PREPARED':
        case 'TRANS_STMT_ROLLBACK_PREPARED':
            return 'abort';
        default:
            return 'savepoint';
    }
}
/** COMMIT AND CHAIN, ROLLBACK AND CHAIN: the next transaction opens at once. */
const chains = (s) => s.kind === 'TransactionStmt' && !!s.node.chain;
function transactionControl(statements) {
    const events = [];
    const blocks = [];
    let open;
    for (const s of statements) {
        switch (controlOf(s)) {
            case 'begin':
                if (open)
                    events.push({ kind: 'nested-begin', statement: s, block: open });
                else
                    open = s;
                break;
            case 'commit':
                if (open)
                    blocks.push({ begin: open, commit: s });
                else
                    events.push({ kind: 'stray-commit', statement: s });
                // COMMIT AND CHAIN opens the next transaction at once
                open = open && chains(s) ? s : undefined;
                break;
            case 'abort':
                events.push({ kind: 'rollback', statement: s });
                open = undefined;
                break;
            case 'connect':
                if (open)
                    events.push({ kind: 'connect-inside', statement: s, block: open });
                open = undefined;
                break;
            case 'savepoint':
                break;
            default:
                if (open)
                    events.push({ kind: 'inside', statement: s, block: open });
        }
    }
    if (open)
        events.push({ kind: 'unterminated', statement: open });
    const only = blocks.length === 1 ? blocks[0] : undefined;
    const wrapped = only && only.begin === statements[0] && only.commit === statements[statements.length - 1] && !chains(only.commit);
    return { events, blocks, wrapper: wrapped ? only.begin : undefined };
}


/***/ }),

/***/ 3971:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  c1: () => (/* binding */ cannotRunInTransaction),
  WP: () => (/* binding */ executionPlan),
  m3: () => (/* binding */ readPlan)
});

// EXTERNAL MODULE: ./src/foundation/errors.ts
var errors = __nccwpck_require__(358);
// EXTERNAL MODULE: ./src/migrations/psql-divergence.ts
var psql_divergence = __nccwpck_require__(964);
// EXTERNAL MODULE: ./src/migrations/ast-node.ts
var ast_node = __nccwpck_require__(7246);
;// CONCATENATED MODULE: ./src/migrations/begin-options.ts


const ISOLATIONS = {
    serializable: 'SERIALIZABLE',
    'repeatable read': 'REPEATABLE READ',
    'read committed': 'READ COMMITTED',
    'read uncommitted': 'READ UNCOMMITTED',
};
/** READ ONLY and DEFERRABLE arrive as integer constants, 1 or 0 (an empty ival). */
const flag = (arg) => (0,ast_node/* nodeAs */.hK)(arg, 'A_Const')?.ival?.ival === 1;
/**
 * The transaction modes of a BEGIN / START TRANSACTION, read from its AST; undefined when it has none. As in
 * PostgreSQL, a mode given twice takes its last value.
 */
function beginOptions(begin, then = []) {
    const modes = (0,ast_node/* nodesOf */.Nh)([begin, ...then].flatMap((s) => (s.kind === 'TransactionStmt' ? s.node.options : s.kind === 'VariableSetStmt' ? s.node.args : undefined) ?? []), 'DefElem');
    if (!modes.length)
        return undefined;
    const o = {};
    for (const m of modes) {
        if (m.defname === 'transaction_isolation') {
            const level = ((0,ast_node/* nodeAs */.hK)(m.arg, 'A_Const')?.sval?.sval ?? '').toLowerCase();
            o.isolation = ISOLATIONS[level] ?? unknownMode(begin, `ISOLATION LEVEL ${level}`);
        }
        else if (m.defname === 'transaction_read_only')
            o.readOnly = flag(m.arg);
        else if (m.defname === 'transaction_deferrable')
            o.deferrable = flag(m.arg);
        else
            unknownMode(begin, m.defname ?? '');
    }
    const parts = [
        o.isolation && `ISOLATION LEVEL ${o.isolation}`,
        o.readOnly !== undefined && (o.readOnly ? 'READ ONLY' : 'READ WRITE'),
        o.deferrable !== undefined && (o.deferrable ? 'DEFERRABLE' : 'NOT DEFERRABLE'),
    ].filter(Boolean);
    return { ...o, sql: `BEGIN ${parts.join(', ')}` };
}
/**
 * The `SET TRANSACTION …` statements right after a file's BEGIN: the same modes as BEGIN's own, and valid only
 * before the transaction's first query. Our own queries run first in that transaction (the lock fence, the write
 * counters), so they are folded into our BEGIN, where they mean what they meant in psql.
 */
function leadingTransactionModes(statements) {
    const n = statements.findIndex((s) => !(s.kind === 'VariableSetStmt' && s.node.kind === 'VAR_SET_MULTI' && s.node.name === 'TRANSACTION'));
    return statements.slice(0, n === -1 ? statements.length : n);
}
/** The grammar allows no other mode today; one added later must not be dropped silently. */
function unknownMode(begin, what) {
    throw new errors/* MigrationError */.Py(`BEGIN with a transaction mode pg-migration-gate does not know (${what})`, {
        location: begin.location,
        hint: 'remove the mode, or run the migration without its own BEGIN/COMMIT',
    });
}

// EXTERNAL MODULE: ./src/migrations/transaction-control.ts
var transaction_control = __nccwpck_require__(5189);
// EXTERNAL MODULE: ./src/migrations/options.ts
var options = __nccwpck_require__(8259);
;// CONCATENATED MODULE: ./src/migrations/transaction-mode.ts






/** Names a statement that PostgreSQL refuses to run inside a transaction block, or undefined. */
function cannotRunInTransaction(s) {
    switch (s.kind) {
        case 'IndexStmt':
            return s.node.concurrent ? 'CREATE INDEX CONCURRENTLY' : undefined;
        case 'DropStmt':
            return s.node.concurrent ? 'DROP INDEX CONCURRENTLY' : undefined;
        case 'ReindexStmt': {
            if ((0,options/* optionOn */.J)(s.node.params, 'concurrently'))
                return 'REINDEX CONCURRENTLY';
            const object = s.node.kind ?? '';
            return ['REINDEX_OBJECT_SYSTEM', 'REINDEX_OBJECT_DATABASE', 'REINDEX_OBJECT_SCHEMA'].includes(object)
                ? `REINDEX ${object.slice('REINDEX_OBJECT_'.length)}`
                : undefined;
        }
        case 'VacuumStmt':
            return s.node.is_vacuumcmd ? 'VACUUM' : undefined;
        case 'AlterSystemStmt':
            return 'ALTER SYSTEM';
        case 'CreatedbStmt':
            return 'CREATE DATABASE';
        case 'DropdbStmt':
            return 'DROP DATABASE';
        case 'CreateTableSpaceStmt':
            return 'CREATE TABLESPACE';
        case 'DropTableSpaceStmt':
            return 'DROP TABLESPACE';
        case 'ClusterStmt':
            return s.node.relation ? undefined : 'CLUSTER (all tables)';
        case 'CreateSubscriptionStmt':
            return 'CREATE SUBSCRIPTION';
        case 'DropSubscriptionStmt':
            return 'DROP SUBSCRIPTION';
        case 'DiscardStmt':
            return s.node.target === 'DISCARD_ALL' ? 'DISCARD ALL' : undefined;
        case 'AlterDatabaseStmt':
            return (s.node.options ?? []).some((o) => (0,ast_node/* nodeAs */.hK)(o, 'DefElem')?.defname === 'tablespace')
                ? 'ALTER DATABASE … SET TABLESPACE'
                : undefined;
        case 'AlterTableStmt':
            return (s.node.cmds ?? []).some((c) => {
                const cmd = (0,ast_node/* nodeAs */.hK)(c, 'AlterTableCmd');
                return cmd?.subtype === 'AT_DetachPartition' && !!(0,ast_node/* nodeAs */.hK)(cmd.def, 'PartitionCmd')?.concurrent;
            })
                ? 'DETACH PARTITION CONCURRENTLY'
                : undefined;
        default:
            return undefined;
    }
}
/** Why psql could never run the file as written, at the first event that says so; undefined for a sound one. */
function refusal(e) {
    switch (e.kind) {
        case 'nested-begin':
            return new errors/* MigrationError */.Py(`BEGIN inside a transaction already opened at line ${e.block.location.line}`, {
                location: e.statement.location,
                hint: 'PostgreSQL ignores a nested BEGIN and the inner COMMIT ends the outer transaction; remove the inner BEGIN/COMMIT',
            });
        case 'stray-commit':
            return new errors/* MigrationError */.Py('COMMIT without a matching BEGIN', {
                location: e.statement.location,
                hint: 'remove the COMMIT or add BEGIN before the statements it should commit',
            });
        case 'rollback':
            return new errors/* MigrationError */.Py('a top-level ROLLBACK or prepared transaction in a migration', {
                location: e.statement.location,
                hint: 'a migration must not undo itself; remove the statement (the runner rolls back on failure)',
            });
        case 'connect-inside':
            return new errors/* MigrationError */.Py(`\\connect inside the transaction opened at ${(0,errors/* formatLocation */.j$)(e.block.location)}: psql would roll that transaction back`, {
                location: e.statement.location,
                hint: 'move the \\connect before the BEGIN or after the COMMIT',
            });
        case 'unterminated':
            return new errors/* MigrationError */.Py('BEGIN without COMMIT: the changes would be rolled back when the session ends', {
                location: e.statement.location,
                hint: 'add COMMIT; at the end of the file, or remove the BEGIN and let the runner wrap the migration',
            });
        case 'inside': {
            const blocked = cannotRunInTransaction(e.statement);
            if (!blocked)
                return undefined;
            return new errors/* MigrationError */.Py(`${blocked} cannot run inside the transaction opened at ${(0,errors/* formatLocation */.j$)(e.block.location)}`, {
                location: e.statement.location,
                sqlstate: '25001',
                hint: `remove the file's BEGIN/COMMIT so the migration runs outside a transaction, or move ${blocked} into a migration of its own`,
            });
        }
    }
}
/**
 * Decides how a migration runs. Transactional by default; a file wrapped in its own top-level BEGIN … COMMIT
 * runs as one transaction whose wrapper the runner replaces with its own (so the history row commits with it),
 * keeping the wrapper's modes (isolation level, READ ONLY, DEFERRABLE). A file with statements PostgreSQL
 * refuses inside a transaction, with several transaction blocks of its own, or marked
 * `-- migrate:no-transaction`, runs statement by statement. Files that can never run as written (BEGIN without
 * COMMIT, CONCURRENTLY or \connect inside the file's own BEGIN, a top-level ROLLBACK) are refused, and so are
 * those that would run otherwise than under psql (psqlReading).
 */
function executionPlan(statements, noTransactionDirective) {
    const { plan, divergences } = readPlan(statements, noTransactionDirective);
    const first = divergences[0];
    if (first)
        throw new errors/* MigrationError */.Py(first.message, { location: first.statement.location, hint: first.hint });
    return plan;
}
/**
 * The plan, and every place where it would do otherwise than psql (which executionPlan refuses, and lint
 * reports); throws only for transaction control that psql could never run.
 */
function readPlan(statements, noTransactionDirective) {
    const { plan, wrapped } = planOf(statements, noTransactionDirective);
    const transactional = plan.mode === 'transaction';
    const { divergences, parseSettingAt } = (0,psql_divergence/* psqlReading */.z)(plan.statements, transactional, wrapped);
    return {
        plan: transactional && parseSettingAt !== undefined ? { ...plan, separateFrom: parseSettingAt } : plan,
        divergences,
    };
}
function planOf(statements, noTransactionDirective) {
    const { events, blocks, wrapper } = (0,transaction_control/* transactionControl */.m)(statements);
    for (const e of events) {
        const refused = refusal(e);
        if (refused)
            throw refused;
    }
    const unwrapped = (plan) => ({ plan, wrapped: false });
    if (noTransactionDirective)
        return unwrapped({ mode: 'no-transaction', reason: '-- migrate:no-transaction', statements });
    if (blocks.length > 1 || (blocks.length === 1 && !wrapper)) {
        return unwrapped({ mode: 'no-transaction', reason: 'the file manages its own transactions', statements });
    }
    const blocker = statements.map((s) => ({ s, what: cannotRunInTransaction(s) })).find((x) => x.what);
    if (blocker) {
        return unwrapped({
            mode: 'no-transaction',
            reason: `${blocker.what} at line ${blocker.s.location.line}`,
            statements,
        });
    }
    if (!wrapper)
        return unwrapped({ mode: 'transaction', statements });
    const inside = statements.slice(1, -1);
    const modes = leadingTransactionModes(inside);
    const begin = beginOptions(wrapper, modes);
    return {
        plan: { mode: 'transaction', statements: inside.slice(modes.length), ...(begin && { begin }) },
        wrapped: true,
    };
}


/***/ }),

/***/ 2727:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ COMMANDS),
/* harmony export */   v: () => (/* binding */ COMMAND_INFO)
/* harmony export */ });
/** The commands, by name; the config refuses any other. */
const COMMANDS = ['lint', 'verify', 'plan', 'apply', 'backup', 'restore'];
/** The outcome of a plan or apply that stopped before it knew what was pending. */
const NO_PLAN = 'stopped before the plan was made';
const count = (n, what) => `${n} ${what}${n === 1 ? '' : 's'}`;
/** The one table of commands: the action, the CLI, the usage text and the renderers all read it. */
const COMMAND_INFO = {
    lint: {
        summary: 'lint the migrations folder, or the .sql files given: pg-migration-gate lint a.sql b.sql',
        needsDatabase: false,
        writes: false,
        outcome: (r) => count(r.findings.length, 'finding'),
    },
    verify: {
        summary: 'run the new migrations on scratch databases: apply, re-run, down/up round trip, observed locks',
        needsDatabase: true,
        writes: false,
        outcome: (r) => `${count(r.verify?.migrations.filter((m) => m.apply === 'ok').length ?? 0, 'new migration')} verified`,
    },
    plan: {
        summary: 'show what apply would do (read-only) and the plan hash',
        needsDatabase: true,
        writes: false,
        outcome: (r) => (r.planHash ? count(r.pending.length, 'pending migration') : NO_PLAN),
    },
    apply: {
        summary: 'back up, then apply pending migrations under an advisory lock, recording each in the history table',
        needsDatabase: true,
        writes: true,
        outcome: (r) => r.planHash ? `${count(r.applied.length, 'migration')} applied of ${r.pending.length} pending` : NO_PLAN,
    },
    backup: {
        summary: 'a verified pg_dump of the database, checksummed, with its metadata',
        needsDatabase: true,
        writes: false,
        outcome: (r) => (r.backup ? `${(r.backup.size / 1048576).toFixed(1)} MiB dump, verified` : 'no backup'),
    },
    restore: {
        summary: 'restore a backup (a file, or an artifact) after checking it and the target',
        needsDatabase: true,
        writes: true,
        outcome: (r) => (r.ok ? 'backup restored' : 'nothing restored'),
    },
};


/***/ }),

/***/ 5235:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FO: () => (/* binding */ exitCodeOf),
/* harmony export */   Xd: () => (/* binding */ addFinding),
/* harmony export */   bQ: () => (/* binding */ newReport),
/* harmony export */   gG: () => (/* binding */ INPUT_RULE),
/* harmony export */   nQ: () => (/* binding */ locationFields)
/* harmony export */ });
function newReport(command, historyTable, target) {
    return { command, ok: true, target, historyTable, pending: [], applied: [], findings: [], notes: [] };
}
function locationFields(loc) {
    return loc ? { file: loc.file, line: loc.line, column: loc.column } : {};
}
/** Adds a finding; an error finding makes the report fail. */
function addFinding(report, f) {
    report.findings.push(f);
    if (f.severity === 'error')
        report.ok = false;
}
/** The rule of findings about the run's input (configuration, files): the CLI exits 2 on them. */
const INPUT_RULE = 'configuration';
/** The exit code every door uses: 0 for a run that passed, 2 for bad configuration or input, 1 for a failed run. */
function exitCodeOf(report) {
    if (report.ok)
        return 0;
    return report.findings.some((f) => f.severity === 'error' && f.rule === INPUT_RULE) ? 2 : 1;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 6848:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline/promises");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 8253:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util/types");

/***/ }),

/***/ 2627:
/***/ (function(__unused_webpack_module, exports, __nccwpck_require__) {


/**
 * DO NOT MODIFY MANUALLY — this is generated from the templates dir
 *
 * To make changes, edit the files in the templates/ directory and run:
 * npm run copy:templates
 */
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", ({ value: true }));
exports.scan = exports.normalize = exports.fingerprint = exports.parsePlPgSQL = exports.parse = exports.SqlError = void 0;
exports.hasSqlDetails = hasSqlDetails;
exports.formatSqlError = formatSqlError;
exports.loadModule = loadModule;
exports.parseSync = parseSync;
exports.parsePlPgSQLSync = parsePlPgSQLSync;
exports.fingerprintSync = fingerprintSync;
exports.normalizeSync = normalizeSync;
exports.scanSync = scanSync;
__exportStar(__nccwpck_require__(9461), exports);
class SqlError extends Error {
    sqlDetails;
    constructor(message, details) {
        super(message);
        this.name = 'SqlError';
        this.sqlDetails = details;
    }
}
exports.SqlError = SqlError;
function hasSqlDetails(error) {
    return error instanceof SqlError && error.sqlDetails !== undefined;
}
function formatSqlError(error, query, options = {}) {
    const { showPosition = true, showQuery = true, color = false, maxQueryLength } = options;
    const lines = [];
    // ANSI color codes
    const red = color ? '\x1b[31m' : '';
    const yellow = color ? '\x1b[33m' : '';
    const reset = color ? '\x1b[0m' : '';
    // Add error message
    lines.push(`${red}Error: ${error.message}${reset}`);
    // Add SQL details if available
    if (error.sqlDetails) {
        const { cursorPosition, fileName, functionName, lineNumber } = error.sqlDetails;
        if (cursorPosition !== undefined && cursorPosition >= 0) {
            lines.push(`Position: ${cursorPosition}`);
        }
        if (fileName || functionName || lineNumber) {
            const details = [];
            if (fileName)
                details.push(`file: ${fileName}`);
            if (functionName)
                details.push(`function: ${functionName}`);
            if (lineNumber)
                details.push(`line: ${lineNumber}`);
            lines.push(`Source: ${details.join(', ')}`);
        }
        // Show query with position marker
        if (showQuery && showPosition && cursorPosition !== undefined && cursorPosition >= 0) {
            let displayQuery = query;
            let adjustedPosition = cursorPosition;
            // Truncate if needed
            if (maxQueryLength && query.length > maxQueryLength) {
                const start = Math.max(0, cursorPosition - Math.floor(maxQueryLength / 2));
                const end = Math.min(query.length, start + maxQueryLength);
                displayQuery = (start > 0 ? '...' : '') +
                    query.substring(start, end) +
                    (end < query.length ? '...' : '');
                // Adjust cursor position for truncation
                adjustedPosition = cursorPosition - start + (start > 0 ? 3 : 0);
            }
            lines.push(displayQuery);
            lines.push(' '.repeat(adjustedPosition) + `${yellow}^${reset}`);
        }
    }
    else if (showQuery) {
        // No SQL details, just show the query if requested
        let displayQuery = query;
        if (maxQueryLength && query.length > maxQueryLength) {
            displayQuery = query.substring(0, maxQueryLength) + '...';
        }
        lines.push(`Query: ${displayQuery}`);
    }
    return lines.join('\n');
}
// @ts-ignore
const libpg_query_js_1 = __importDefault(__nccwpck_require__(3995));
let wasmModule;
const initPromise = (0, libpg_query_js_1.default)().then((module) => {
    wasmModule = module;
});
function ensureLoaded() {
    if (!wasmModule)
        throw new Error("WASM module not initialized. Call `loadModule()` first.");
}
async function loadModule() {
    if (!wasmModule) {
        await initPromise;
    }
}
function awaitInit(fn) {
    return (async (...args) => {
        await initPromise;
        return fn(...args);
    });
}
function stringToPtr(str) {
    ensureLoaded();
    if (typeof str !== 'string') {
        throw new TypeError(`Expected a string, got ${typeof str}`);
    }
    const len = wasmModule.lengthBytesUTF8(str) + 1;
    const ptr = wasmModule._malloc(len);
    try {
        wasmModule.stringToUTF8(str, ptr, len);
        return ptr;
    }
    catch (error) {
        wasmModule._free(ptr);
        throw error;
    }
}
function ptrToString(ptr) {
    ensureLoaded();
    if (typeof ptr !== 'number') {
        throw new TypeError(`Expected a number, got ${typeof ptr}`);
    }
    return wasmModule.UTF8ToString(ptr);
}
exports.parse = awaitInit(async (query) => {
    // Input validation
    if (query === null || query === undefined) {
        throw new Error('Query cannot be null or undefined');
    }
    if (query === '') {
        throw new Error('Query cannot be empty');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_query_raw(queryPtr);
        if (!resultPtr) {
            throw new Error('Failed to parse query: memory allocation failed');
        }
        // Read the PgQueryParseResult struct
        const parseTreePtr = wasmModule.getValue(resultPtr, 'i32');
        const stderrBufferPtr = wasmModule.getValue(resultPtr + 4, 'i32');
        const errorPtr = wasmModule.getValue(resultPtr + 8, 'i32');
        if (errorPtr) {
            // Read PgQueryError struct
            const messagePtr = wasmModule.getValue(errorPtr, 'i32');
            const funcnamePtr = wasmModule.getValue(errorPtr + 4, 'i32');
            const filenamePtr = wasmModule.getValue(errorPtr + 8, 'i32');
            const lineno = wasmModule.getValue(errorPtr + 12, 'i32');
            const cursorpos = wasmModule.getValue(errorPtr + 16, 'i32');
            const message = messagePtr ? wasmModule.UTF8ToString(messagePtr) : 'Unknown error';
            const funcname = funcnamePtr ? wasmModule.UTF8ToString(funcnamePtr) : undefined;
            const filename = filenamePtr ? wasmModule.UTF8ToString(filenamePtr) : undefined;
            throw new SqlError(message, {
                message,
                cursorPosition: cursorpos > 0 ? cursorpos - 1 : 0, // Convert to 0-based
                fileName: filename,
                functionName: funcname,
                lineNumber: lineno > 0 ? lineno : undefined
            });
        }
        if (!parseTreePtr) {
            throw new Error('No parse tree generated');
        }
        const parseTreeStr = wasmModule.UTF8ToString(parseTreePtr);
        return JSON.parse(parseTreeStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_parse_result(resultPtr);
        }
    }
});
exports.parsePlPgSQL = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_plpgsql(queryPtr);
        const resultStr = ptrToString(resultPtr);
        // Success is always a JSON object; anything else is an error message
        if (!resultStr.startsWith('{')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
exports.fingerprint = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_fingerprint(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
exports.normalize = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_normalize_query(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
// Sync versions
function parseSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    // Input validation
    if (query === null || query === undefined) {
        throw new Error('Query cannot be null or undefined');
    }
    if (query === '') {
        throw new Error('Query cannot be empty');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_query_raw(queryPtr);
        if (!resultPtr) {
            throw new Error('Failed to parse query: memory allocation failed');
        }
        // Read the PgQueryParseResult struct
        const parseTreePtr = wasmModule.getValue(resultPtr, 'i32');
        const stderrBufferPtr = wasmModule.getValue(resultPtr + 4, 'i32');
        const errorPtr = wasmModule.getValue(resultPtr + 8, 'i32');
        if (errorPtr) {
            // Read PgQueryError struct
            const messagePtr = wasmModule.getValue(errorPtr, 'i32');
            const funcnamePtr = wasmModule.getValue(errorPtr + 4, 'i32');
            const filenamePtr = wasmModule.getValue(errorPtr + 8, 'i32');
            const lineno = wasmModule.getValue(errorPtr + 12, 'i32');
            const cursorpos = wasmModule.getValue(errorPtr + 16, 'i32');
            const message = messagePtr ? wasmModule.UTF8ToString(messagePtr) : 'Unknown error';
            const funcname = funcnamePtr ? wasmModule.UTF8ToString(funcnamePtr) : undefined;
            const filename = filenamePtr ? wasmModule.UTF8ToString(filenamePtr) : undefined;
            throw new SqlError(message, {
                message,
                cursorPosition: cursorpos > 0 ? cursorpos - 1 : 0, // Convert to 0-based
                fileName: filename,
                functionName: funcname,
                lineNumber: lineno > 0 ? lineno : undefined
            });
        }
        if (!parseTreePtr) {
            throw new Error('No parse tree generated');
        }
        const parseTreeStr = wasmModule.UTF8ToString(parseTreePtr);
        return JSON.parse(parseTreeStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_parse_result(resultPtr);
        }
    }
}
function parsePlPgSQLSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_parse_plpgsql(queryPtr);
        const resultStr = ptrToString(resultPtr);
        // Success is always a JSON object; anything else is an error message
        if (!resultStr.startsWith('{')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}
function fingerprintSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_fingerprint(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}
function normalizeSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_normalize_query(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return resultStr;
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}
exports.scan = awaitInit(async (query) => {
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_scan(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
});
function scanSync(query) {
    if (!wasmModule) {
        throw new Error('WASM module not initialized. Call loadModule() first.');
    }
    const queryPtr = stringToPtr(query);
    let resultPtr = 0;
    try {
        resultPtr = wasmModule._wasm_scan(queryPtr);
        const resultStr = ptrToString(resultPtr);
        if (resultStr.startsWith('syntax error') || resultStr.startsWith('deparse error') || resultStr.startsWith('ERROR')) {
            throw new Error(resultStr);
        }
        return JSON.parse(resultStr);
    }
    finally {
        wasmModule._free(queryPtr);
        if (resultPtr) {
            wasmModule._wasm_free_string(resultPtr);
        }
    }
}


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".cli.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(2827);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
